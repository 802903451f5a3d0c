"""Chapter 四 of the report, 4.1–4.2 (抖音电商成功启示): 图表44–51, the 人找货 vs 货找人 funnels and the cold start."""
