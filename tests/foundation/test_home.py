"""Everyone lands where their work is."""

import pytest

from orgs.models import Person, Role
from tests.factories import RegionFactory, UnitFactory, UserFactory, member

pytestmark = pytest.mark.django_db


def test_a_liaison_lands_on_the_to_do_list(client):
    region = RegionFactory(name="泉港区")
    client.force_login(member("liming", Role.LIAISON, region=region, unit=UnitFactory(region=region)))
    assert client.get("/")["Location"] == "/due/"


def test_the_supervision_office_lands_on_its_overview(client):
    client.force_login(member("wangfang", Role.SUPERVISOR, region=RegionFactory(name="泉港区")))
    response = client.get("/")
    assert response["Location"] == "/overview/"
    page = client.get("/overview/").content.decode()
    assert "总览" in page
    assert "审核队列" in page
    assert "导入分解表" in page
    assert "我的待办" not in page


def test_a_district_leader_lands_on_the_cockpit(client):
    region = RegionFactory(name="鲤城区")
    zeng = Person.objects.create(region=region, name="曾国志", kind=Person.Kind.LEADER)
    client.force_login(member("zeng", Role.LEADER, region=region, person=zeng))
    assert client.get("/")["Location"] == "/cockpit/"
    assert "领导驾驶舱" in client.get("/cockpit/").content.decode()


def test_a_leader_without_a_person_lands_on_the_plans(client):
    client.force_login(member("zeng", Role.LEADER, region=RegionFactory(name="鲤城区")))
    assert client.get("/")["Location"] == "/plans/"


def test_someone_without_a_role_sees_no_office_links(client):
    client.force_login(UserFactory(username="nobody"))
    page = client.get("/plans/").content.decode()
    assert "导入分解表" not in page
    assert "审核队列" not in page
