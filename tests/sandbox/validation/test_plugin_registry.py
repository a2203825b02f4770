"""Without a catalogue the sandbox serves its 34 ported plugins (33 http, mqtt-proxy stream-only);
installing a catalogue replaces them in-process."""

from __future__ import annotations

import pytest

from sandbox.admin import meta
from sandbox.validation import catalogue, plugin_names
from sandbox.validation.plugin_check import check_plugins
from tests.helpers.procs import PLUGIN_CATALOGUE


def test_ported_plugins_answer_plugins_all_for_both_subsystems() -> None:
    catalogue.use_builtin()
    status, http = meta.plugin_get(None, {"all": "true"})
    assert status == 200 and set(http) == set(plugin_names("http")) and len(http) == 33
    status, stream = meta.plugin_get(None, {"all": "true", "subsystem": "stream"})
    assert stream["mqtt-proxy"]["priority"] == 1000 and stream["mqtt-proxy"]["schema"]["type"] == "object"


@pytest.mark.skipif(not PLUGIN_CATALOGUE.is_file(), reason="no recorded catalogue beside the repo")
def test_installing_the_catalogue_swaps_the_registry_and_back() -> None:
    try:
        assert catalogue.install_file(PLUGIN_CATALOGUE) == 107
        assert len(plugin_names("http")) == 107
        assert check_plugins({"workflow": {}}, subsystem="http") == \
            'failed to check the configuration of plugin workflow err: property "rules" is required'
    finally:
        catalogue.use_builtin()
    assert check_plugins({"workflow": {}}, subsystem="http") == "unknown plugin [workflow]"
