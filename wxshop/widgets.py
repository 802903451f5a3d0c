"""ipywidgets panels for analysts in live Jupyter, calling the same model functions as the charts.

Shared helpers, so that every chapter's panel behaves the same way:

- every field shows its full Chinese label with its unit (no truncation);
- rates are typed in per cent where readers think in per cent (5 means 5%);
- a value out of range is never clamped: the panel shows a Chinese message naming the field,
  the value and the allowed range, and no result, until the value is fixed;
- results are tables with Chinese headers and formatted numbers.

On the static site these cells are removed (tag ``remove-cell``): a widget without a kernel would
be a dead control. The readers' charts are kernel-free instead.
"""
from __future__ import annotations

import html
import math
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import ipywidgets as w
import pandas as pd

from wxshop import i18n, units
from wxshop.i18n import _
from wxshop.params import Param

LABEL_STYLE = {"description_width": "initial"}
ERROR = "wxshop-panel-error"


class InputError(ValueError):
    """A panel field holds a value the model does not take; the message is for the analyst, in Chinese."""


@dataclass(frozen=True)
class Field:
    """One input of a panel: a number (typed, possibly in per cent) or a choice."""

    name: str
    label: str
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    percent: bool = False  # shown and typed in per cent; the model gets a fraction
    scale: float = 1.0  # the model gets the typed value times this (亿元 -> 元)
    choices: tuple[tuple[str, Any], ...] = ()
    step: float | None = None

    @property
    def shown_unit(self) -> str:
        return "%" if self.percent else self.unit

    def reads(self, number: float) -> str:
        """A number as typed in this field, as a reader reads it: 10亿元, 100%, 5000人, -0.5 个百分点."""
        return reader_number(number * 100 if self.percent else number, self.shown_unit)

    def allowed(self) -> str:
        low = "" if self.minimum is None else (
            _("大于 {value}", value=self.reads(self.minimum)) if self.exclusive_minimum
            else _("不小于 {value}", value=self.reads(self.minimum)))
        high = "" if self.maximum is None else _("不大于 {value}", value=self.reads(self.maximum))
        return _("、").join(p for p in (low, high) if p)

    def to_model(self, typed: Any) -> Any:
        """The model's value for what was typed; an InputError in Chinese if it is not allowed."""
        if self.choices:
            return typed
        if typed is None or (isinstance(typed, float) and math.isnan(typed)):
            raise InputError(_("「{label}」需要一个数值", label=_(self.label)))
        value = float(typed) / 100 if self.percent else float(typed)
        too_low = self.minimum is not None and (value <= self.minimum if self.exclusive_minimum else value < self.minimum)
        too_high = self.maximum is not None and value > self.maximum
        if too_low or too_high:
            raise InputError(_("「{label}」= {value} 超出允许范围：应{allowed}", label=_(self.label),
                               value=reader_number(float(typed), self.shown_unit), allowed=self.allowed()))
        return value * self.scale

    def to_shown(self, value: Any) -> Any:
        if self.choices or value is None:
            return value
        return value / self.scale * (100 if self.percent else 1)


_MAGNITUDES = {"万亿": units.WANYI, "亿": units.YI, "万": units.WAN}  # i18n: key


def reader_number(number: float, unit: str = "") -> str:
    """A limit or a typed value with its unit, as the book writes numbers: 10亿元 (not 1e+09), 100%, 2019年.

    Amounts are scaled to 万, 亿 and 万亿 (a unit that already carries one, such as 亿元, is counted in its
    base unit first: 100000亿元 reads 10万亿元); per cent and 个百分点 keep the number as typed.
    """
    if math.isnan(number) or math.isinf(number):
        return f"{number}{unit}"
    if unit in ("%", "百分点"):  # i18n: key
        text = f"{number:.4f}".rstrip("0").rstrip(".")
        text = "0" if text in ("-0", "") else text
        return text + "%" if unit == "%" else _("{number} 个百分点", number=text)
    for word, size in _MAGNITUDES.items():
        if unit.startswith(word) and len(unit) > len(word):
            number, unit = number * size, unit[len(word):]
            break
    if unit in ("年",) or abs(number) < units.WAN:  # i18n: key
        text = f"{number:.4f}".rstrip("0").rstrip(".")
        text = "0" if text in ("-0", "") else text
        if unit == "元" and i18n.is_english():  # i18n: key
            return f"RMB {text}"
        return _("{number}{unit}", number=text, unit=_(unit)) if unit else text
    return units.format_scaled(number, unit, 4)


def field(param: Param, **changes: Any) -> Field:
    """A panel field from a chapter parameter: its Chinese label, unit, range and choices."""
    if param.kind == "choice":
        labels = param.choice_labels or param.choices
        base = Field(param.name, param.label or param.name, choices=tuple(zip(labels, param.choices)))
    else:
        base = Field(param.name, param.label or param.name, param.unit, param.minimum, param.maximum,
                     param.exclusive_minimum, percent=param.unit == "比率")  # i18n: key
    return replace(base, **changes)


def _control(spec: Field, value: Any) -> w.Widget:
    unit = units.display_scale("", spec.shown_unit)[1] if spec.shown_unit in ("元",) else _(spec.shown_unit)  # i18n: key
    description = _("{label}（{unit}）", label=_(spec.label), unit=unit) if spec.shown_unit else _(spec.label)
    if spec.choices:
        return w.Dropdown(options=list(spec.choices), value=value, description=description, style=LABEL_STYLE,
                          layout=w.Layout(width="auto"))
    return w.FloatText(value=spec.to_shown(value), description=description, style=LABEL_STYLE,
                       step=spec.step, layout=w.Layout(width="auto"))


# In JupyterLab an ipywidgets text field stops every keydown from reaching Lab (so that typing "a" or "d" does not
# run a notebook shortcut), Ctrl+S included: Lab never saves. This listener, installed once per page by a
# hidden anywidget in each panel, sees Ctrl/Cmd+S first (capture phase) in a panel's field and hands the same
# keystroke to the notebook around it, where Lab's own shortcut saves the notebook.
SAVE_KEY_ESM = """
function install() {
  if (window.__wxshopSaveKey) return;
  window.__wxshopSaveKey = true;
  document.addEventListener("keydown", (event) => {
    const field = event.target;
    if (!(event.ctrlKey || event.metaKey) || event.altKey || (event.key || "").toLowerCase() !== "s") return;
    if (!(field instanceof Element) || !field.matches("input, textarea, select") ||
        !field.closest(".jupyter-widgets")) return;
    event.preventDefault();  // not the browser's "save page"
    const host = field.closest(".jp-Notebook") || document.body;
    const again = new KeyboardEvent("keydown", {key: event.key, code: event.code, keyCode: 83, which: 83,
      ctrlKey: event.ctrlKey, metaKey: event.metaKey, shiftKey: event.shiftKey, bubbles: true, cancelable: true});
    if (again.keyCode !== 83) Object.defineProperty(again, "keyCode", {get: () => 83});
    host.dispatchEvent(again);
  }, true);
}
export default { render() { install(); } };
"""
_SAVE_KEY: Any = None


def save_key() -> w.Widget | None:
    """The hidden widget that lets Ctrl+S save from a panel's field in JupyterLab (None without anywidget, which
    ``make lab`` installs, and under the book's build, which keeps no widgets)."""
    global _SAVE_KEY
    if os.environ.get("WXSHOP_RENDER") == "site":
        return None
    if _SAVE_KEY is None:
        try:
            import anywidget
        except ImportError:
            return None

        class SaveKey(anywidget.AnyWidget):  # type: ignore[misc]
            _esm = SAVE_KEY_ESM

        _SAVE_KEY = SaveKey
    return _SAVE_KEY(layout=w.Layout(display="none"))


class Panel(w.VBox):
    """Fields, then the result of ``compute(values)`` (HTML), redrawn whenever a field changes."""

    def __init__(self, fields: Sequence[Field], values: Mapping[str, Any],
                 compute: Callable[[dict[str, Any]], str], on_choice: Callable[["Panel", str], None] | None = None,
                 columns: int = 2) -> None:
        self.fields = {f.name: f for f in fields}
        self.controls = {f.name: _control(f, values[f.name]) for f in fields}
        self.result = w.HTML()
        self._compute = compute
        self._on_choice = on_choice
        self._loading = False
        grid = w.GridBox(list(self.controls.values()),
                         layout=w.Layout(grid_template_columns=f"repeat({columns}, minmax(18em, 1fr))",
                                         grid_gap="0.25em 1em"))
        shortcut = save_key()
        super().__init__([grid, self.result] + ([shortcut] if shortcut is not None else []))
        for name, control in self.controls.items():
            control.observe(lambda change, name=name: self._changed(name), names="value")
        self.redraw()

    def values(self) -> dict[str, Any]:
        """Every field's model value; an InputError for the first field that is not allowed."""
        return {name: spec.to_model(self.controls[name].value) for name, spec in self.fields.items()}

    def set_values(self, values: Mapping[str, Any]) -> None:
        """Put model values into the fields (e.g. when a case is chosen), then redraw once."""
        self._loading = True
        try:
            for name, value in values.items():
                self.controls[name].value = self.fields[name].to_shown(value)
        finally:
            self._loading = False
        self.redraw()

    def _changed(self, name: str) -> None:
        if self._loading:
            return
        if self.fields[name].choices and self._on_choice is not None:
            self._on_choice(self, name)
            return
        self.redraw()

    def redraw(self) -> None:
        try:
            self.result.value = self._compute(self.values())
        except InputError as exc:
            self.result.value = (f"<p class=\"{ERROR}\" style=\"color:#b00020\"><b>" + _("输入有误：")
                                 + f"</b>{html.escape(str(exc))}</p>")
        except ValueError as exc:  # a combination the model cannot take
            self.result.value = (f"<p class=\"{ERROR}\" style=\"color:#b00020\"><b>" + _("模型无法计算这组输入：") + "</b>"
                                 f"{html.escape(str(exc))}</p>")


def result_table(frame: pd.DataFrame, columns: Mapping[str, tuple[str, Callable[[Any], str]]]) -> str:
    """An HTML table of ``columns`` (name -> (Chinese header, formatter)), numbers right-aligned."""
    head = "".join(f"<th style=\"text-align:right\">{html.escape(_(label))}</th>" for label, _f in columns.values())
    body = "".join(
        "<tr>" + "".join(f"<td style=\"text-align:right\">{html.escape(fmt(row[name]))}</td>"
                         for name, (_label, fmt) in columns.items()) + "</tr>"
        for _, row in frame.iterrows())
    return f"<table class=\"wxshop-panel-table\"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
