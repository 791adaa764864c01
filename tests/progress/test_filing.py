"""李明, liaison of 区发改局, files the monthly reports of task 1."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEvent
from progress import services
from progress.models import Evidence, ProgressReport, ReportVersion
from progress.services import ReportChanged, ReportInvalid, ReportStateError
from tests.factories import AssignmentFactory, TaskFactory
from tests.progress.factories import MONTHLY_TEXT, SUMMARY_120, file

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def form_url(world, period):
    return f"/tasks/{world.task.pk}/periods/{period.pk}/report/"


def test_liming_files_the_march_report_with_a_reading_and_a_pdf(client, world, today):
    client.force_login(world.liming)
    march = world.period("month", 3)
    response = client.post(
        form_url(world, march),
        {
            "status": "on_track",
            "percent": "25",
            "text": MONTHLY_TEXT,
            f"reading_{world.indicator.pk}": "5.6",
            f"note_{world.indicator.pk}": "统计局快报",
            "evidence": SimpleUploadedFile("一季度快报.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/due/"
    report = ProgressReport.objects.get()
    assert (report.unit, report.period, report.state, report.version) == (world.fagai, march, "filed", 1)
    assert report.readings.get().value == 5.6
    evidence = Evidence.objects.get()
    assert evidence.content_type == "application/pdf"
    assert evidence.size == len(PDF)
    version = ReportVersion.objects.get()
    assert version.action == "filed"
    assert version.evidence[0]["name"] == "一季度快报.pdf"
    assert AuditEvent.objects.filter(verb="progress.report_filed", object_id=str(report.pk)).exists()


def test_the_april_form_is_prefilled_from_the_march_report(client, world, today):
    file(world, world.period("month", 3), readings={world.indicator.pk: (5.6, "快报")}, percent=30)
    client.force_login(world.liming)
    html = client.get(form_url(world, world.period("month", 4))).content.decode()
    assert MONTHLY_TEXT in html
    assert 'value="30"' in html
    assert 'value="5.6"' in html
    assert 'value="快报"' in html
    assert "根据您上次的报告预填" in html


def test_a_month_with_no_change_is_confirmed_in_one_step(client, world, today):
    today(dt.date(2026, 5, 6))
    march = file(world, world.period("month", 3), readings={world.indicator.pk: (5.6, "")})
    client.force_login(world.liming)
    april = world.period("month", 4)
    assert "本月无变化，按上期报送" not in client.get("/due/").content.decode()  # March not reviewed yet
    services.accept_report(report=march, by=world.wangfang)
    html = client.get("/due/").content.decode()
    assert "本月无变化，按上期报送" in html
    assert "将督查室已审核通过的上期报告原样报送为本期报告" in html  # the consequence, next to the button
    response = client.post(f"/tasks/{world.task.pk}/periods/{april.pk}/no-change/")
    assert response.status_code == 302
    report = ProgressReport.objects.get(period=april)
    assert report.no_change
    assert report.text == MONTHLY_TEXT
    assert report.readings.get().value == 5.6
    assert report.versions.get().action == "no_change"
    assert f'data-period="{april.pk}"' not in client.get("/due/").content.decode()


def test_no_change_is_refused_for_a_month_not_over_or_a_report_not_accepted(world):
    march = file(world, world.period("month", 3))
    may = world.period("month", 5)
    with pytest.raises(ReportInvalid) as e:
        services.confirm_no_change(
            task=world.task, unit=world.fagai, period=may, by=world.liming, today=dt.date(2026, 5, 20)
        )
    assert "本期尚未结束" in str(e.value.errors["__all__"][0])
    april = world.period("month", 4)
    with pytest.raises(ReportInvalid) as e:
        services.confirm_no_change(
            task=world.task, unit=world.fagai, period=april, by=world.liming, today=dt.date(2026, 5, 6)
        )
    assert "尚未经督查室审核通过" in str(e.value.errors["__all__"][0])
    services.accept_report(report=march, by=world.wangfang)
    report = services.confirm_no_change(
        task=world.task, unit=world.fagai, period=april, by=world.liming, today=dt.date(2026, 5, 6)
    )
    assert report.no_change


def test_no_change_needs_an_earlier_report(world):
    with pytest.raises(ReportInvalid) as e:
        services.confirm_no_change(
            task=world.task, unit=world.fagai, period=world.period("month", 3), by=world.liming
        )
    assert "没有可确认的上期报告" in str(e.value.errors["__all__"][0])


def test_a_task_reported_done_must_be_100_percent(client, world, today):
    client.force_login(world.liming)
    response = client.post(
        form_url(world, world.period("month", 3)), {"status": "done", "percent": "80", "text": "已完成"}
    )
    assert response.status_code == 200
    assert "报告为已完成的任务进度应为100%" in response.content.decode()
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", b"MZ" + b"\x00" * 10, "不是PDF"),
        ("假的.pdf", b"just text", "并非真正的"),
        ("图片.png", b"", "“图片.png”为空文件，请重新选择"),  # named, not Django's "所提交的是空文件"
    ],
)
def test_evidence_of_the_wrong_type_is_refused(client, world, today, name, content, message):
    client.force_login(world.liming)
    response = client.post(
        form_url(world, world.period("month", 3)),
        {
            "status": "on_track",
            "percent": "20",
            "text": "进展顺利",
            "evidence": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ProgressReport.objects.exists()
    assert not Evidence.objects.exists()


def test_evidence_over_10_mb_is_refused(world):
    big = SimpleUploadedFile("大图.png", PNG + b"\x00" * (10 * 1024 * 1024))
    with pytest.raises(ReportInvalid) as e:
        file(world, world.period("month", 3), evidence=[big])
    assert "10 MB" in e.value.errors["evidence"][0]


def test_evidence_is_optional_and_several_files_may_be_attached(world):
    report = file(world, world.period("month", 3))
    assert report.evidence.count() == 0
    report = file(
        world,
        world.period("month", 3),
        version=1,
        evidence=[SimpleUploadedFile("a.png", PNG), SimpleUploadedFile("b.pdf", PDF)],
    )
    assert sorted(report.evidence.values_list("name", flat=True)) == ["a.png", "b.pdf"]


def test_a_reading_for_another_tasks_indicator_is_refused(world):
    from targets.models import Indicator
    from tests.factories import TaskFactory

    other = Indicator.objects.create(
        task=TaskFactory(plan=world.plan), name="x", kind="level", comparator=">=", target_year=2026
    )
    with pytest.raises(ReportInvalid) as e:
        file(world, world.period("month", 3), readings={other.pk: (1, "")})
    assert "readings" in e.value.errors


def test_an_accepted_report_cannot_change(world):
    report = file(world, world.period("month", 3))
    services.accept_report(report=report, by=world.wangfang)
    with pytest.raises(ReportStateError):
        file(world, world.period("month", 3), version=2)


def test_nothing_can_be_filed_once_the_period_is_locked(client, world, today):
    march = world.period("month", 3)
    services.close_period_review(period=march, by=world.wangfang)
    with pytest.raises(ReportStateError):
        file(world, march)
    client.force_login(world.liming)
    html = client.get(form_url(world, march)).content.decode()
    assert "本期审核已结束" in html
    assert 'type="submit" class="primary">' not in html


def test_the_liaison_can_improve_a_filed_report_before_review_and_both_versions_are_kept(world):
    march = world.period("month", 3)
    file(world, march, text="初稿")
    report = file(world, march, text="修改稿", version=1)
    assert report.version == 2
    assert report.state == "filed"
    assert list(report.versions.values_list("text", flat=True)) == ["初稿", "修改稿"]


def test_report_versions_cannot_be_edited(world):
    version = file(world, world.period("month", 3)).versions.get()
    version.text = "篡改"
    with pytest.raises(ValueError, match="immutable"):
        version.save()


def test_a_new_version_or_a_review_changes_that_report_and_no_other(world):
    """The version check updates one row: the April report, also at version 1, is left exactly as it was."""
    march = file(world, world.period("month", 3))
    april = file(world, world.period("month", 4), text="四月进度。")
    before = ProgressReport.objects.filter(pk=april.pk).values().get()
    file(world, world.period("month", 3), text="三月进度（改）。", version=march.version)
    services.accept_report(report=ProgressReport.objects.get(pk=march.pk), by=world.wangfang, version=2)
    assert ProgressReport.objects.filter(pk=april.pk).values().get() == before
    assert ProgressReport.objects.get(pk=march.pk).version == 3


def test_zhaoqiangs_co_input_is_in_the_audit_log_with_his_words(world):
    """赵强 of the co-unit 工信局 adds his part: the audit log says who added what to which task and period."""
    march = world.period("month", 3)
    co = services.add_co_input(
        task=world.task, period=march, unit=world.gongxin, by=world.zhaoqiang, text=" 工业技改项目已开工 "
    )
    event = AuditEvent.objects.get(verb="progress.co_input_added")
    assert (event.actor, event.object_type, event.object_id) == (
        world.zhaoqiang,
        "progress.coinput",
        str(co.pk),
    )
    assert event.after == {"task": world.task.pk, "period": march.pk, "text": "工业技改项目已开工"}


def test_no_change_in_june_repeats_mays_monthly_report_not_the_half_year_summary(world):
    """The half-year summary is due before the June report; "no change" for June repeats May's monthly report,
    the last routine one, not the summary."""
    may = file(world, world.period("month", 5), text="五月：地区生产总值同比增长5.6%。")
    services.accept_report(report=may, by=world.wangfang)
    summary = file(world, world.period("half_year"), text=SUMMARY_120, percent=50)
    summary = services.sign_off(report=summary, by=world.fagai_leader)  # a summary is signed off first
    services.accept_report(report=summary, by=world.wangfang)
    june = services.confirm_no_change(
        task=world.task,
        unit=world.fagai,
        period=world.period("month", 6),
        by=world.liming,
        today=dt.date(2026, 7, 2),
    )
    assert (june.text, june.percent, june.no_change) == ("五月：地区生产总值同比增长5.6%。", 25, True)


def test_an_empty_evidence_file_is_refused_as_empty(world):
    """李明 picked a file of 0 bytes: he is told it is empty, not that it is the wrong kind."""
    with pytest.raises(ReportInvalid) as e:
        file(world, world.period("month", 3), evidence=[SimpleUploadedFile("图片.png", b"")])
    assert e.value.errors["evidence"] == ["“图片.png”为空文件，请重新选择。"]


def test_a_reading_that_is_not_a_number_is_refused_beside_its_indicator(world):
    """李明 types “五点五” for the GDP growth: the form says to enter a number, nothing is filed."""
    with pytest.raises(ReportInvalid) as e:
        file(world, world.period("month", 3), readings={world.indicator.pk: "五点五"})
    assert e.value.errors[f"reading_{world.indicator.pk}"] == ["请填写数字，例如5.5。"]
    assert not ProgressReport.objects.exists()


def test_a_reading_may_be_given_as_a_bare_number(world):
    """The API and the 台账 import give a reading as a number, without a note."""
    report = file(world, world.period("month", 3), readings={world.indicator.pk: 5.6})
    assert (report.readings.get().value, report.readings.get().note) == (5.6, "")


def test_a_closed_or_accepted_report_is_refused_with_a_message_in_chinese(world):
    """What 李明 is told when the period's review is closed, or his report already accepted."""
    march, april = world.period("month", 3), world.period("month", 4)
    report = file(world, march)
    services.accept_report(report=report, by=world.wangfang)
    with pytest.raises(ReportStateError) as accepted:
        file(world, march, version=2)
    assert str(accepted.value) == "该报告已审核通过，不能再修改。"
    services.close_period_review(period=april, by=world.wangfang)
    with pytest.raises(ReportStateError) as closed:
        file(world, april)
    assert str(closed.value) == "本期审核已结束，报告不能再修改。"


def test_a_version_of_a_report_that_does_not_exist_is_refused(world):
    """李明's form showed a report that has since been deleted (e.g. a discarded import): he must reopen it."""
    with pytest.raises(ReportStateError) as e:
        file(world, world.period("month", 3), version=1)
    assert str(e.value) == "该报告已不存在，请重新打开填报页面。"
    assert not ProgressReport.objects.exists()


def test_an_edit_of_a_report_accepted_meanwhile_is_a_conflict(world):
    """李明 edits version 1 while 王芳 accepts it: he is shown the report as it is now (a conflict), and
    nothing changes."""
    report = file(world, world.period("month", 3))
    services.accept_report(report=report, by=world.wangfang, version=1)
    with pytest.raises(ReportChanged) as e:
        file(world, world.period("month", 3), text="补充", version=1)
    assert (e.value.current.state, e.value.current.version) == ("accepted", 2)


def test_each_task_and_each_lead_unit_has_its_own_report(world):
    """发改局 files March for two tasks, and 教育局, a second lead unit of task 1, files its own: three
    first versions, none taken for another."""
    march = world.period("month", 3)
    second = TaskFactory(plan=world.plan)
    AssignmentFactory(task=second, unit=world.fagai, role="lead")
    AssignmentFactory(task=world.task, unit=world.jiaoyu, role="lead")
    first = file(world, march)
    other_task = services.file_report(
        task=second,
        unit=world.fagai,
        period=march,
        by=world.liming,
        status="on_track",
        percent=10,
        text="推进中",
    )
    other_unit = services.file_report(
        task=world.task,
        unit=world.jiaoyu,
        period=march,
        by=world.jiaoyu_liaison,
        status="on_track",
        percent=10,
        text="推进中",
    )
    assert [r.version for r in (first, other_task, other_unit)] == [1, 1, 1]
    assert ProgressReport.objects.count() == 3


def test_a_filing_and_its_new_version_are_audited_in_full(world):
    """The audit log and the versions say that 李明 filed, what the report held before and after, with its
    readings and evidence; his evidence is recorded as his upload."""
    march = world.period("month", 3)
    first = file(
        world, march, readings={world.indicator.pk: (5.6, "")}, evidence=[SimpleUploadedFile("快报.pdf", PDF)]
    )
    second = file(world, march, text="补充：一季度GDP增长5.6%", version=first.version)
    assert first.evidence.get().uploaded_by == world.liming
    assert list(second.versions.values_list("by", flat=True)) == [world.liming.pk, world.liming.pk]
    filed, refiled = AuditEvent.objects.filter(verb="progress.report_filed", object_id=str(first.pk))
    assert (filed.actor, filed.before, refiled.actor) == (world.liming, None, world.liming)
    assert filed.after["readings"][0]["value"] == 5.6
    assert filed.after["evidence"][0]["name"] == "快报.pdf"
    assert refiled.before == filed.after
    assert refiled.after["text"] == "补充：一季度GDP增长5.6%"
    assert refiled.after["readings"] == filed.after["readings"]
    assert refiled.after["evidence"] == filed.after["evidence"]


def test_a_report_filed_by_a_command_is_filed_by_no_person(world):
    """The 台账 import files as “manage.py import_ledger”: the report and its version name no person."""
    report = services.file_report(
        task=world.task,
        unit=world.fagai,
        period=world.period("month", 3),
        by="manage.py import_ledger",
        status="on_track",
        percent=25,
        text=MONTHLY_TEXT,
    )
    assert report.filed_by is None
    assert report.versions.get().by is None


def test_two_first_filings_at_the_same_moment_end_in_a_conflict_not_an_error(world):
    """李明 and 王芳 (filing on 发改局's behalf) both press 提交 on the empty March report; 王芳's filing
    lands first. 李明's, sent from a form that showed no report, meets hers at the unique key: he is told of the
    conflict and shown her report, not another report of the unit, the task or the period."""
    march = world.period("month", 3)
    second = TaskFactory(plan=world.plan)
    AssignmentFactory(task=second, unit=world.fagai, role="lead")
    AssignmentFactory(task=world.task, unit=world.jiaoyu, role="lead")
    file(world, world.period("month", 2))  # the same task and unit, another period
    _file_on(second, world.fagai, march, world.liming, "推进中")
    _file_on(world.task, world.jiaoyu, march, world.jiaoyu_liaison, "推进中")
    hers = file(world, march, by=world.wangfang, text="督查室代为填报")
    with pytest.raises(ReportChanged) as e:
        file(world, march, text="李明的填报")
    assert (e.value.current.pk, e.value.current.text) == (hers.pk, "督查室代为填报")


def _file_on(task, unit, period, by, text, **kw):
    """A report of any task and unit (`file` files task 1 for 发改局)."""
    return services.file_report(
        task=task,
        unit=unit,
        period=period,
        by=by,
        status="on_track",
        percent=kw.pop("percent", 10),
        text=text,
        **kw,
    )


def test_a_new_reports_version_row_and_audit_event_say_what_the_database_holds(world):
    """李明 files March with two readings (one of them -0, one empty) and two files: the version row of a new
    report is made from what was saved, and it must read exactly as the report read back does."""
    from progress.reports import _evidence_of, _readings_of
    from targets.models import Indicator

    Indicator.objects.filter(pk=world.indicator.pk).update(order=2)  # the new one comes first, by order
    second = Indicator.objects.create(
        task=world.task, order=1, name="新增就业", kind="level", comparator=">=", target_year=2026
    )
    report = file(
        world,
        world.period("month", 3),
        readings={world.indicator.pk: ("-0", "统计局快报"), second.pk: (None, "未统计")},
        evidence=[SimpleUploadedFile("b.pdf", PDF), SimpleUploadedFile("a.png", PNG)],
    )
    version = report.versions.get()
    assert version.readings == _readings_of(report)
    assert [r["indicator_id"] for r in version.readings] == [second.pk, world.indicator.pk]
    assert str(version.readings[1]["value"]) == "0.0"  # the -0 as SQLite keeps it, on every database
    assert version.evidence == _evidence_of(report)
    assert [e["name"] for e in version.evidence] == ["b.pdf", "a.png"]
    event = AuditEvent.objects.get(verb="progress.report_filed", object_id=str(report.pk))
    assert event.before is None
    assert (event.after["readings"], event.after["evidence"]) == (version.readings, version.evidence)


@pytest.mark.parametrize(
    "data",
    [
        None,  # the empty form, pre-filled
        {"status": "done", "percent": "50", "text": "", "reading_1": "abc", "note_1": "\"<引号>&'"},
        {
            "status": "at_risk",
            "percent": "x",
            "text": "本月",
            "reading_1": "5.5",
            "version": "3",
            "note_1": "备注",
        },
    ],
)
def test_the_report_forms_inputs_read_exactly_as_djangos_own_templates_render_them(data, monkeypatch):
    """The form's <input>s are written in Python for speed (progress.forms._PlainInput): each must be the
    same bytes as Django's widget templates make, whatever the values, errors and attributes."""
    from django.forms import Widget
    from django.utils.safestring import mark_safe

    from progress.forms import ReportForm, _PlainInput
    from targets.models import Indicator

    indicators = [Indicator(pk=1, name="地区生产总值增长", comparator="~", value=5.5, unit="%")]
    initial = {"status": "on_track", "percent": 30, "reading_1": 5.6, "note_1": mark_safe("<b>快报</b>")}

    def rendered() -> list[str]:
        form = (
            ReportForm(initial=initial, indicators=indicators, kind="month")
            if data is None
            else ReportForm(data, indicators=indicators, kind="half_year")
        )
        form.is_valid()
        radios = [str(radio.tag()) for radio in form["status"]]
        fields = ["version", "percent", "reading_1", "note_1", "evidence", "status"]
        return radios + [str(form[name]) for name in fields]

    fast = rendered()
    monkeypatch.setattr(_PlainInput, "_render", Widget._render)
    assert fast == rendered()
    assert any("aria-invalid" in html for html in fast) == (data is not None)


def test_a_new_version_changes_the_report_of_its_own_task(world):
    """区发改局 files March on two tasks; Li Ming's new version of the second changes that one, not the first."""
    second = TaskFactory(plan=world.plan, seq=2, text="新增城镇就业5000人以上。")
    AssignmentFactory(task=second, unit=world.fagai, role="lead")
    march = world.period("month", 3)
    first = file(world, march)
    before = ProgressReport.objects.filter(pk=first.pk).values().get()
    other = _file_on(second, world.fagai, march, world.liming, "三月就业进度。", percent=20)
    _file_on(second, world.fagai, march, world.liming, "三月就业进度（改）。", percent=30, version=1)
    assert ProgressReport.objects.filter(pk=first.pk).values().get() == before
    assert ProgressReport.objects.values_list("text", "version").get(pk=other.pk) == (
        "三月就业进度（改）。",
        2,
    )


def test_a_new_version_changes_the_report_of_its_own_unit(world):
    """区发改局 and 区教育局 both lead task 1; 教育局's new version changes its own March report, not 发改局's."""
    AssignmentFactory(task=world.task, unit=world.jiaoyu, role="lead")
    march = world.period("month", 3)
    fagai = file(world, march)
    before = ProgressReport.objects.filter(pk=fagai.pk).values().get()
    own = _file_on(world.task, world.jiaoyu, march, world.jiaoyu_liaison, "教育局三月进度。", percent=20)
    _file_on(
        world.task, world.jiaoyu, march, world.jiaoyu_liaison, "教育局三月进度（改）。", percent=30, version=1
    )
    assert ProgressReport.objects.filter(pk=fagai.pk).values().get() == before
    assert ProgressReport.objects.values_list("text", "version").get(pk=own.pk) == (
        "教育局三月进度（改）。",
        2,
    )


def test_files_added_by_a_new_version_count_with_those_already_there(world, settings):
    """At most two files per report here: a new version adding a third to the two filed first is refused and
    the report keeps its two files and its version."""
    settings.EVIDENCE_MAX_FILES = 2
    march = world.period("month", 3)
    report = file(world, march, evidence=[SimpleUploadedFile("a.png", PNG), SimpleUploadedFile("b.pdf", PDF)])
    with pytest.raises(ReportInvalid):
        file(
            world,
            march,
            text="三月进度（补充照片）。",
            version=1,
            evidence=[SimpleUploadedFile("c.png", PNG)],
        )
    assert report.evidence.count() == 2
    assert ProgressReport.objects.get(pk=report.pk).version == 1
