"""Bounded responses: paging envelope, omitted list items, truncated strings and the write-back guard."""

from __future__ import annotations

from apisix_gpt.bounds import (
    bound_list,
    bound_object,
    has_marker,
    page_envelope,
    serialized_len,
)


def item(n: int, size: int = 1000) -> dict:
    return {"key": f"/apisix/routes/{n}", "value": {"id": str(n), "desc": "x" * size},
            "createdIndex": n, "modifiedIndex": n}


def test_envelope_pages_and_points_to_the_next_page() -> None:
    env = page_envelope({"total": 45, "list": [item(1)]}, page=2, page_size=20)
    assert (env["page"], env["page_size"], env["next_page"], env["total"]) == (2, 20, 3, 45)
    assert page_envelope({"total": 45, "list": []}, page=3, page_size=20)["next_page"] is None


def test_out_of_range_page_list_object_becomes_an_empty_list() -> None:
    env = page_envelope({"total": 3, "list": {}}, page=9, page_size=10)
    assert env["list"] == [] and env["next_page"] is None


def test_small_list_is_untouched() -> None:
    env = page_envelope({"total": 2, "list": [item(1), item(2)]}, 1, 20)
    assert bound_list(env, 100_000) is env and "truncated" not in env


def test_big_list_omits_items_from_the_end_and_names_them() -> None:
    env = page_envelope({"total": 200, "list": [item(n, 3000) for n in range(50)]}, 1, 50)
    bounded = bound_list(env, 100_000)
    assert serialized_len(bounded) <= 100_000
    kept = len(bounded["list"])
    assert bounded["truncated"] is True and 0 < kept < 50
    assert bounded["omitted_keys"] == [f"/apisix/routes/{n}" for n in range(kept, 50)]
    assert [i["key"] for i in bounded["list"]] == [f"/apisix/routes/{n}" for n in range(kept)]


def test_big_object_cuts_the_longest_string_with_a_marker() -> None:
    obj = {"key": "/apisix/protos/1", "value": {"content": "p" * 150_000, "desc": "short"}}
    bounded = bound_object(obj, 100_000)
    assert serialized_len(bounded) <= 100_000
    assert bounded["value"]["desc"] == "short"
    assert bounded["value"]["content"].endswith("chars]") and has_marker(bounded)
    assert obj["value"]["content"] == "p" * 150_000  # the input is not modified


def test_small_object_is_unchanged_and_has_no_marker() -> None:
    obj = {"key": "/apisix/routes/1", "value": {"uri": "/x"}}
    assert bound_object(obj, 100_000) == obj and not has_marker(obj)


def test_marker_is_found_deep_in_a_write_body() -> None:
    assert has_marker({"plugins": {"x": {"list": ["abc…[truncated 12 chars]"]}}})
    assert not has_marker({"desc": "[truncated 12 chars]"})
