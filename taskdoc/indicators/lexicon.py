"""The words of targets: classifiers and units, comparators, predicate verbs, and the verbs names drop."""

from __future__ import annotations

import re

from taskdoc.model import Comparator


def alternation(words: tuple[str, ...] | list[str] | set[str]) -> str:
    """A regex alternation of literal words, longest first so that 提升至 wins over 提升."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# ---------------------------------------------------------------- units
COUNT_UNITS = (
    "个", "家", "条", "座", "处", "宗", "项", "场", "件", "套", "户", "所", "栋", "幢", "间", "张", "台",
    "辆", "艘", "架", "块", "片", "支", "只", "头", "棵", "株", "本", "部", "份", "篇", "次", "种", "例",
    "起", "对", "组", "门", "款", "枚", "颗", "口", "盏", "根", "位", "名", "人", "人次", "家次", "场次",
    "批次", "户次", "床", "张床", "班", "所次", "列",
)  # fmt: skip
PERCENT_UNITS = ("%", "‰", "个百分点", "百分点")
MEASURE_UNITS = (
    "元", "美元", "港元", "欧元", "亩", "公顷", "平方公里", "平方米", "立方米", "公里", "千米", "米",
    "吨", "千克", "公斤", "斤", "千瓦时", "千瓦", "兆瓦", "标箱", "标准箱", "吨标准煤", "吨标煤",
    "mg/L", "mg/l", "μg/m3", "μg/m³", "微克/立方米", "毫克/升", "km", "kW", "MW", "GW", "TEU", "分贝",
)  # fmt: skip
# Durations, ages, years of schooling and scores are targets only after a verb that sets them (审批时限压缩至3个工作日,
# 人均预期寿命达到81.5岁, 满意度达到90分以上); elsewhere they are periods and names (15分钟生活圈, 60岁以上).
TIME_UNITS = ("个工作日", "工作日", "个月", "小时", "分钟", "天", "日", "秒", "周")
GAUGE_UNITS = ("岁", "分", "年")  # 年: 平均受教育年限达到11.5年
SETTING_VERBS = re.compile(
    r"(?:(?:压缩|缩短|减少|降低|控制|压减|缩减|提高|提升|增加|下降|保持|稳定)(?:至|到|在)|达到|达|超过|不低于|不超过)\s*$"
)

# A bare raising verb sets a duration or an age only when nothing follows the number (提高0.3岁).
RAISING_VERB = re.compile(r"(?:提高|增加|延长|缩短|压缩|减少)\s*$")

UNIT_ALIASES = {"名": "人", "位": "人", "百分点": "个百分点", "mg/l": "mg/L", "μg/m³": "μg/m3", "％": "%"}

# Characters that, right after a unit, show the unit is the start of another word (人民, 台账, 项目).
NOT_AFTER_UNIT = {
    "个": "体性税月案方", "人": "民口才员工社大均力防居文群物事", "名": "单称录牌优片义额", "家": "庭居政园门电具长风乡",
    "处": "置理罚室级", "场": "景所地馆站", "台": "账湾胞企", "次": "生级", "元": "素宇旦年月", "亩": "均产",
    "项": "目举措", "部": "门署分", "支": "持撑付出部", "道": "路", "口": "岸径", "本": "地土级年市区",
    "间": "接", "种": "植养子苗", "起": "步点草来", "对": "接标口外于比", "组": "织建团成", "门": "户店槛类诊",
    "户": "籍外型口", "宗": "亲教旨", "座": "谈", "条": "例件款措", "所": "有属得在以", "片": "区", "只": "有要是",
    "米": "粉", "块": "钱", "位": "数于置居列",
    "分": "钟之类别期批局区享级配段摊流解散析布担成子", "岁": "月", "列": "入为车举席队表出",
    "年": "度底末内前来均代级份初中间起后",
}  # fmt: skip

# ---------------------------------------------------------------- comparators
GE_WORDS = ("不低于", "不少于", "高于", "多于", "大于", "超过", "超出", "超", "突破", "逾")
LE_WORDS = ("不超过", "不高于", "不多于", "低于", "少于", "小于", "控制在")
APPROX_WORDS = ("接近", "近", "约", "大约", "将近")
SUFFIX_COMPARATORS: dict[str, Comparator] = {
    "以上": ">=", "及以上": ">=", "以下": "<=", "以内": "<=", "之内": "<=", "左右": "~", "上下": "~",
}  # fmt: skip


def _comparing(words: tuple[str, ...], comparator: Comparator) -> dict[str, Comparator]:
    return dict.fromkeys(words, comparator)


PREFIX_COMPARATORS = _comparing(GE_WORDS, ">=") | _comparing(LE_WORDS, "<=") | _comparing(APPROX_WORDS, "~")

# ---------------------------------------------------------------- predicate verbs
GROWTH_VERBS = ("增长", "增速", "增幅", "涨幅", "增加", "提高", "提升", "上升", "递增", "扩大")
DECLINE_VERBS = ("下降", "降低", "减少", "压减", "削减", "压降", "降幅", "减排")
# Verbs that set a level, not a rate: 提升至 95% is a level.
LEVEL_VERBS = (
    "提升至", "提升到", "提高至", "提高到", "增加到", "增加至", "增长到", "增长至", "增至", "降至", "降低至",
    "降低到", "下降至", "下降到", "减少至", "减少到", "达到", "保持在", "稳定在", "维持在", "保持", "维持",
    "稳定", "完成", "实现", "累计", "共计", "总计", "达成", "压缩至", "压缩到", "缩短至", "缩短到", "压减至",
    "压减到", "缩减至", "控制到",
)  # fmt: skip
RATE_PREFIXES = ("年均", "同比", "比上年", "较上年", "比去年", "较去年", "同口径", "按可比价", "可比价")
PREDICATE_VERBS = GROWTH_VERBS + DECLINE_VERBS + LEVEL_VERBS + RATE_PREFIXES
SHARED_MARKERS = ("分别", "均", "各", "都", "全部", "总体")

# The tail of the text before a number: [marker] [verbs…] [为/达/在] [comparator] [opening quote].
PREDICATE_TAIL = re.compile(
    r"(?P<tail>(?P<marker>" + alternation(SHARED_MARKERS) + r")?\s*"
    r"(?P<verbs>(?:(?:" + alternation(PREDICATE_VERBS) + r")\s*)*)"
    r"(?P<last>为|达|在|是|至|到)?\s*"
    r"(?P<cmp>" + alternation(tuple(PREFIX_COMPARATORS)) + r")?\s*[“\"‘]?\s*)$"
)
# A rate named by its noun, the number said later: 增长目标为6%, 增长率6%, 经济增长预期目标设定为5.5%.
_RATE_NOUN = r"(?P<average>年均)?(?:(?P<growth>增长|增速|增幅|涨幅)|(?P<decline>下降|降幅|降低))(?:率|幅度)?"
RATE_NOUN_AT_END = re.compile(_RATE_NOUN + r"(?:的)?(?:预期)?(?:目标)?(?:设定|确定|设置|定)?\s*$")
# …or after it: 力争实现5.5%的增长.
RATE_NOUN_AFTER = re.compile(r"\s*(?:以上|左右)?\s*的\s*" + _RATE_NOUN + r"(?!率)")
# A comparator before the base of a share: 研发投入不低于营业收入的3%.
COMPARED_TO_A_BASE = re.compile(
    r"(?P<cmp>不低于|不少于|不超过|不高于|高于|低于|超过)[^,;:、。\d]{1,15}?的\s*$"
)
# The total size of a set of projects just counted (重点项目210个，总投资1800亿元), not a target of its own.
SET_TOTAL = re.compile(r"(?:计划)?总投资(?:额|规模)?")
IN_STEP_START = re.compile(r"(?:与|和|同)")
GROWTH_IN = re.compile(alternation(GROWTH_VERBS))
DECLINE_IN = re.compile(alternation(DECLINE_VERBS))
LEVEL_IN = re.compile(r"(?<!达)[至到]\s*$")  # 提升至, 增长到: a level; 达到 is not

# ---------------------------------------------------------------- verbs names drop or keep
# Commitment and action verbs dropped from the front of a name (INDICATORS.md: name).
ADVERBS = (
    "全力", "努力", "着力", "全面", "积极", "持续", "加快", "加速", "提速", "扎实", "有序", "深入", "大力",
    "高质量", "高效", "高标准", "进一步", "再", "稳步", "精心", "差异化", "合力", "切实", "继续", "不断",
    "接续", "协同", "统筹", "重点", "主动", "优先", "集中", "分类", "逐步", "加大力度", "力促",
)  # fmt: skip
ACTION_VERBS = (
    "争取", "力争", "推动", "推进", "实现", "完成", "确保", "实施", "启动", "培育壮大", "培育", "打造", "创建",
    "建设(?!用地)", "组织", "举办", "办好", "办成", "推出", "布局", "扶持", "盘活", "汇聚", "提容改造",
    "改造提升", "复合化改造运营", "繁荣", "策划", "安排", "开展", "支撑", "带动", "遴选", "促进", "争创",
    "落实", "保持", "稳定", "谋划", "引导", "支持", "鼓励", "加强", "强化", "提升", "提高", "做优", "做强",
    "做大", "新打造", "招引", "扩大", "完善", "确立", "加快", "加速", "提速",
)  # fmt: skip
_ACTION = "|".join(sorted(ACTION_VERBS, key=len, reverse=True))
LEADING_ACTION = re.compile(r"^(?:(?:" + alternation(ADVERBS) + r")*(?:" + _ACTION + r"))+")
STARTS_WITH_ACTION = re.compile(r"^(?:" + alternation(ADVERBS) + r")*(?:" + _ACTION + r")")
# Verbs that define what is counted and stay in the name (新增城镇就业, 重点项目开工, 建成项目).
KEPT_VERBS = (
    "新建改造", "新建", "新增", "新引进", "引进", "引驻", "开工", "竣工投用", "竣工", "建成投用", "建成", "提供",
    "回迁", "新签约", "签约", "投用", "投产",
)  # fmt: skip
KEPT_VERB_AT_START = re.compile(r"^(?:" + alternation(KEPT_VERBS) + r")")
KEPT_VERB_AT_END = re.compile(r"(?:" + alternation(KEPT_VERBS) + r")$")
# Verbs that create what they count: a coordinated item without its own verb shares them.
CREATION_VERB_AT_START = re.compile(r"^(?:新建改造|新建|新增|新引进|引进|引驻)")
# Time words and years at the start of a name (至2030年, 全年, 其中).
LEADING_TIME = re.compile(
    r"^(?:(?:至|到|截至|截止|在)?\s*(?:(?:19|20)\d{2}|[一二][〇零一二三四五六七八九]{3})\s*年(?:底|末|内|前)?(?:前)?"
    r"|[“\"]?十[一二三四五六七八九]五[”\"]?(?:期间|末|时期)?|全年|年内|今年|当年|本年度?|其中|同时|此外|届时"
    r"|[上下]半年|前?[一二三四1-4]季度|\d{1,2}(?:\s*[-—~至]\s*\d{1,2})?\s*月(?:底|末|份)?(?:前)?|年底前?|年末"
    r"|[一二两三四五六七八九十\d]+年(?:内|来|间)"
    r"|(?:比|较|与|同)\s*(?:19|20)\d{2}\s*年(?:底|末)?(?:相比)?)"
)
LEADING_PUNCT = re.compile(r"^[\s、,;:和及与并且或]+")
TRAILING_PUNCT = re.compile(r"[\s、,;:的等]+$")
# The base of a comparison at the end of a name: PM2.5浓度较2020年(下降10%), 出口比上年(增长).
TRAILING_BASE = re.compile(r"(?:比|较|与|同)(?:(?:19|20)\d{2}年(?:底|末)?|上年|去年|上一年)(?:相比|同期)?$")
FOLLOW_TRAILING = re.compile(r"(?:[\s、,;:等]|以及|和|及|与|并|或)+$")
# Verbs a follow-on name (推动5家企业完成知识产权质押融资) drops inside it.
INNER_COMMITMENT = re.compile(r"(?<=.)(?:完成|实现)")
