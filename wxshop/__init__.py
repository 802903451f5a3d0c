"""Shared code of the interactive edition of 《零售渠道变革系列二：从微信小店看电商变革路径与分析》.

Modules: ``data`` (load and validate ``data/``), ``units`` (万/亿/万亿/% formats), ``models``
(pure model functions), ``charts`` (Altair builders), ``widgets`` (ipywidgets panels), ``params``
(chapter parameters), ``build`` (execute, build, check and publish the book).
"""

from wxshop._imports import defer_rfc3987_syntax

defer_rfc3987_syntax()  # 3.6 s of jsonschema's import that Vega-Lite never uses (wxshop/_imports.py)
