"""Section 4.3 of the report (对新入电商平台启示): 图表52–53 and the KOC vs KOL budget allocator."""
