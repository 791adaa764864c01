"""陈明's phone number is ciphertext in the database; the office and his own unit see it, others see it
masked, and a different FIELD_KEY cannot open it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import Client

from orgs.fields import decrypt
from orgs.models import Person
from orgs.privacy import mask_phone, phone_for
from tests.factories import RegionFactory, UnitFactory, UserFactory, member

pytestmark = pytest.mark.django_db
PHONE = "13805951234"


@pytest.fixture
def story():
    quangang = RegionFactory(name="泉港区")
    fagai, jiaoyu = UnitFactory(region=quangang, name="发改局"), UnitFactory(region=quangang, name="教育局")
    chen = Person.objects.create(
        region=quangang, unit=fagai, name="陈明", kind=Person.Kind.LIAISON, phone=PHONE
    )
    return {
        "chen": chen,
        "wangfang": member("wangfang", "supervisor", region=quangang),
        "colleague": member("fagai-leader", "unit_leader", region=quangang, unit=fagai),
        "outsider": member("jiaoyu-liaison", "liaison", region=quangang, unit=jiaoyu),
        "other_office": member("chenjing", "supervisor", region=RegionFactory(name="鲤城区")),
    }


def _stored(person: Person) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM orgs_person WHERE id = %s", [person.pk])
        return cursor.fetchone()[0]


def test_the_number_is_encrypted_at_rest(story):
    stored = _stored(story["chen"])
    assert PHONE not in stored
    assert stored.startswith("enc1:")
    assert Person.objects.get(pk=story["chen"].pk).phone == PHONE
    assert _stored(story["chen"]) != _stored(
        Person.objects.create(region=story["chen"].region, name="另一人", kind="liaison", phone=PHONE)
    )


def test_another_key_cannot_open_it(story, settings):
    stored = _stored(story["chen"])
    settings.FIELD_KEY = "a-different-field-key-0123456789"
    with pytest.raises(ImproperlyConfigured):
        decrypt(stored)


def test_who_sees_the_number(story):
    chen = story["chen"]
    assert phone_for(story["wangfang"], chen) == PHONE
    assert phone_for(story["colleague"], chen) == PHONE
    assert phone_for(story["outsider"], chen) == "138****1234"
    assert phone_for(story["other_office"], chen) == "138****1234"
    assert mask_phone("") == ""
    assert mask_phone("12345") == "*****"


def test_the_admin_list_masks_it_for_a_system_administrator(story):
    from django.contrib.auth.models import Permission

    sun = UserFactory(username="sun", is_staff=True)
    sun.user_permissions.add(Permission.objects.get(codename="view_person"))
    client = Client()
    client.force_login(sun)
    page = client.get("/admin/orgs/person/").content.decode()
    assert "138****1234" in page
    assert PHONE not in page
