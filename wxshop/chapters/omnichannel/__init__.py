"""Chapter 三 of the report (全域电商, 3.1–3.4): 图表33–43, the take-rate and WeChat Shop fee models."""
