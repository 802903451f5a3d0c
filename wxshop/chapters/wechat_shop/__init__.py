"""Chapter 一 of the report (小店有望开拓“社交+”电商新模式, 1.1–1.2): 图表1–11, the timeline of Tencent's
e-commerce attempts, WeChat Shop monetisation, the 东方甄选 gift case and the public/private-domain loop."""
