"""Chapter 二 of the report, sections 2.1–2.3 (人货场 across three eras): 图表12–21, the era explorer,
the infrastructure series with an era band, and the growth figures the text quotes, recomputed."""
