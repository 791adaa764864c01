"""陈静 imports 鲤城区's table into a region where some units already exist under other names."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ingest import services
from ingest.models import ImportBatch
from orgs.models import Unit, UnitAlias
from orgs.services import closest_units
from targets.models import Task
from tests.factories import UnitFactory
from tests.ingest.conftest import seed_upload
from tests.ingest.gold import LICHENG

pytestmark = pytest.mark.django_db


def _parsed(region, by):
    batch = services.create_batch(region=region, year=2026, upload=seed_upload(LICHENG), by=by)
    return services.parse_batch(batch_id=batch.pk)


def test_the_closest_names_are_offered(licheng):
    fagai = UnitFactory(region=licheng, name="发改局")
    zhengfa = UnitFactory(region=licheng, name="区委政法委员会")
    UnitFactory(region=licheng, name="区教育局")
    assert closest_units(licheng, "区发改局")[0].unit_id == fagai.pk
    assert closest_units(licheng, "区委政法委")[0].unit_id == zhengfa.pk
    assert len(closest_units(licheng, "区委政法委")) <= 3


def test_chen_jing_maps_a_name_to_an_existing_unit_and_duban_remembers_it(client, chen_jing, licheng):
    fagai = UnitFactory(region=licheng, name="发改局")
    batch = _parsed(licheng, chen_jing)
    client.force_login(chen_jing)
    page = client.get(reverse("ingest:batch", args=[batch.pk])).content.decode()
    assert "<mark>区发改局</mark>" in page
    assert f'<option value="{fagai.pk}" selected>发改局' in page  # surely the same unit: chosen by default
    assert "新建单位" in page

    response = client.post(
        reverse("ingest:map_unit", args=[batch.pk]),
        {"name": "区发改局", "unit": fagai.pk},
        HTTP_HX_REQUEST="true",
    )
    assert "→ 发改局" in response.content.decode()
    client.post(reverse("ingest:confirm", args=[batch.pk]))

    assert not Unit.objects.filter(region=licheng, name="区发改局").exists()
    assert UnitAlias.objects.get(region=licheng, alias="区发改局").unit == fagai
    assert Task.objects.get(seq=1).lead_units == [fagai]

    again = _parsed(licheng, chen_jing)  # next time the alias is known: nothing to map, nothing changed
    preview = services.build_preview(ImportBatch.objects.get(pk=again.pk))
    assert "区发改局" not in [u.name for u in preview.unknown]
    assert preview.diff.is_empty


def test_creating_a_new_unit_is_the_default(chen_jing, licheng):
    batch = _parsed(licheng, chen_jing)
    services.confirm_batch(batch=batch, by=chen_jing)
    unit = Unit.objects.get(region=licheng, name="区发改局")
    assert unit.kind == Unit.Kind.DEPARTMENT
    assert unit.short_name == "发改局"
    towns = Unit.objects.get(region=licheng, name="各街道办事处")
    assert towns.kind == Unit.Kind.GROUP
    assert {u.name for u in towns.members.all()} >= {"临江街道办事处", "鲤中街道办事处", "开元街道办事处"}
    assert Unit.objects.get(region=licheng, name="区委组织部（人才办）").parent.name == "区委组织部"


def test_a_unit_of_another_region_cannot_be_chosen(client, chen_jing, licheng, quangang):
    other = UnitFactory(region=quangang, name="发改局")
    batch = _parsed(licheng, chen_jing)
    client.force_login(chen_jing)
    response = client.post(
        reverse("ingest:map_unit", args=[batch.pk]), {"name": "区发改局", "unit": other.pk}, follow=True
    )
    assert "请从列出的单位中选择一个" in response.content.decode()
    assert ImportBatch.objects.get(pk=batch.pk).unit_mapping == {}


def test_a_name_that_surely_means_an_existing_unit_is_not_created_again(chen_jing, licheng):
    """陈静's region already has 发改局 and 住房和城乡建设局; the table's 区发改局 and 区住建局 are those units."""
    fagai = UnitFactory(region=licheng, name="发改局")
    zhujian = UnitFactory(region=licheng, name="住房和城乡建设局")
    batch = _parsed(licheng, chen_jing)
    preview = services.build_preview(ImportBatch.objects.get(pk=batch.pk))
    chosen = {u.name: u.chosen for u in preview.unknown}
    assert chosen["区发改局"] == fagai.pk
    assert chosen["区住建局"] == zhujian.pk
    assert chosen["区教育局"] is None  # nothing like it exists: a new unit, as before
    services.confirm_batch(batch=batch, by=chen_jing)
    assert not Unit.objects.filter(region=licheng, name__in=["区发改局", "区住建局"]).exists()
    assert UnitAlias.objects.get(region=licheng, alias="区住建局").unit == zhujian


def test_a_doubtful_name_is_offered_not_chosen(chen_jing, licheng):
    UnitFactory(region=licheng, name="区统计局")
    batch = _parsed(licheng, chen_jing)
    preview = services.build_preview(ImportBatch.objects.get(pk=batch.pk))
    jiaoyu = next(u for u in preview.unknown if u.name == "区教育局")
    assert jiaoyu.chosen is None
    assert jiaoyu.candidates


TWO_NAMES = (
    "序号\t工作任务\t牵头单位\t配合单位\n"
    "1\t加快重大项目前期工作\t区发改局\t区财政局\n"
    "2\t推进产业链招商\t区发展和改革局\t财政局\n"
    "3\t抓好教育民生实事\t区教育局\t市教育局\n"
)


def _table(region, by, text):
    upload = seed_upload("two", name="两种写法.txt", content=text.encode())
    batch = services.create_batch(region=region, year=2026, upload=upload, by=by)
    return services.parse_batch(batch_id=batch.pk)


def test_two_names_for_one_unit_in_one_table_become_one_new_unit(chen_jing, licheng):
    """陈静's table calls one bureau 区发改局 in row 1 and 区发展和改革局 in row 2: duban creates it once."""
    batch = _table(licheng, chen_jing, TWO_NAMES)
    preview = services.build_preview(ImportBatch.objects.get(pk=batch.pk))
    same = {u.name: u.same_as for u in preview.unknown}
    assert same["区发展和改革局"] == "区发改局"
    assert same["财政局"] == "区财政局"
    assert same["市教育局"] is None  # another level's bureau is another unit, however alike
    assert preview.resolved["区发展和改革局"] == "区发改局"

    services.confirm_batch(batch=batch, by=chen_jing)
    fagai = Unit.objects.get(region=licheng, name="区发改局")
    assert not Unit.objects.filter(region=licheng, name__in=["区发展和改革局", "财政局"]).exists()
    assert UnitAlias.objects.get(region=licheng, alias="区发展和改革局").unit == fagai
    assert Task.objects.get(seq=2).lead_units == [fagai]
    assert Unit.objects.filter(region=licheng, name__in=["区教育局", "市教育局"]).count() == 2


def test_a_name_follows_the_existing_unit_its_other_name_was_mapped_to(client, chen_jing, licheng):
    """陈静 maps 区发改局 to the region's 区发展改革委 by hand; 区发展和改革局 in the same table follows it."""
    fagai = UnitFactory(region=licheng, name="区发展改革委")
    batch = _table(licheng, chen_jing, TWO_NAMES)
    client.force_login(chen_jing)
    client.post(reverse("ingest:map_unit", args=[batch.pk]), {"name": "区发改局", "unit": fagai.pk})
    page = client.get(reverse("ingest:batch", args=[batch.pk])).content.decode()
    assert "与 区财政局 为同一新建单位" in page
    preview = services.build_preview(ImportBatch.objects.get(pk=batch.pk))
    assert {u.name: u.chosen for u in preview.unknown}["区发展和改革局"] == fagai.pk
    services.confirm_batch(batch=ImportBatch.objects.get(pk=batch.pk), by=chen_jing)
    assert Task.objects.get(seq=2).lead_units == [fagai]
    assert not Unit.objects.filter(region=licheng, name__startswith="区发").exclude(pk=fagai.pk).exists()
