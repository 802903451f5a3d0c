"""How the build runs a notebook: parameters in, outputs tidied, and a kernel that cannot lose its sockets to
another process (a parallel build or test worker once took a kernel's TCP port: "Kernel died before replying
to kernel_info")."""
from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from wxshop.build.execute import execute_notebook

pytestmark = pytest.mark.notebook

# The kernel says how it is connected: its transport and the address its sockets are bound to.
PROBE = """from ipykernel.kernelapp import IPKernelApp
app = IPKernelApp.instance()
print(json.dumps({"transport": app.transport, "ip": app.ip, "x": x}))"""


def notebook(path: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("import json\nx = 1", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell(PROBE)]
    nbformat.write(nb, path)
    return path


def test_a_notebook_runs_with_its_parameters_on_a_kernel_bound_to_private_unix_sockets(tmp_path):
    source = notebook(tmp_path / "probe.ipynb")
    seconds, _resources = execute_notebook("probe", source, tmp_path / "out" / "probe.ipynb", {"x": 21}, 120,
                                           tmp_path)
    executed = nbformat.read(tmp_path / "out" / "probe.ipynb", as_version=4)
    said = json.loads(executed.cells[-1].outputs[0]["text"])
    assert said["x"] == 21  # the parameter reached the kernel
    assert said["transport"] == "ipc"  # no loopback TCP port another process could take first
    folder = Path(said["ip"]).parent
    assert folder.name.startswith("wxshop-kernel-") and not folder.exists()  # its own folder, removed after the run
    assert not any(p.name.startswith("probe.") and p.name != "probe.ipynb" for p in (tmp_path / "out").iterdir())
    assert seconds > 0
