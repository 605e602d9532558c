"""A first sample of the 2023 key tasks, exactly as 安政办〔2023〕5号 prints them (the full extraction of
the 99 tasks comes with the task-register issue)."""

from __future__ import annotations

GWR = "安政办〔2023〕5号"
S1 = "一、全力稳定经济运行"

TASKS_2023: tuple[dict, ...] = (
    {
        "number": 1,
        "section": f"{S1} / （一）积极扩大有效投资",
        "text": "滚动开展“三个一批”，全年签约项目、开工项目、投产项目均在 100 个以上。",
        "responsibility": "（市发展改革委、市商务局，各县〔市、区〕政府按职责分工负责）",
        "due_on": None,
    },
    {
        "number": 2,
        "section": f"{S1} / （一）积极扩大有效投资",
        "text": "继续推进稳经济重要项目攻坚，实施省市重点项目 400 个以上，年度投资不低于 1000 亿元。",
        "responsibility": "（市发展改革委负责）",
        "due_on": None,
    },
    {
        "number": 5,
        "section": f"{S1} / （二）促进消费持续恢复",
        "text": "着力稳定房地产市场，支持刚性和改善性住房需求，降低二手房交易成本，完善长租房政策，"
        "加快发展保障性租赁住房，多渠道解决城镇低收入困难家庭和新市民、青年人等群体住房问题。",
        "responsibility": "（市住房城乡建设局、市财政局、市自然资源和规划局按职责分工负责）",
        "due_on": None,
    },
    {
        "number": 7,
        "section": f"{S1} / （二）促进消费持续恢复",
        "text": "完善县乡村电子商务和快递物流配送体系，畅通农产品“出村进城”、消费品“下乡进村”渠道。",
        "responsibility": "（市商务局牵头，市发展改革委、市农业农村局、市财政局、市交通运输局、"
        "市人力资源社会保障局、市乡村振兴局、市供销社、市邮政管理局、市邮政公司按职责分工负责）",
        "due_on": None,
    },
    {
        "number": 12,
        "section": f"{S1} / （三）激发市场主体活力",
        "text": "全年新增规模以上工业企业 100 家。",
        "responsibility": "（市工业和信息化局负责）",
        "due_on": None,
    },
    {
        "number": 22,
        "section": "三、着力推动产业优化升级 / （一）推动传统产业优势再造",
        "text": "加快钢铁资源整合项目落地开工，抓好林钢球墨铸管、神龙腾达冷轧板等项目，大力发展优特钢。",
        "responsibility": "（市工业和信息化局、市发展改革委、市生态环境局、市自然资源和规划局，"
        "林州市政府、汤阴县政府、殷都区政府按职责分工负责）",
        "due_on": None,
    },
)


def task_id(number: int) -> str:
    return f"GWR2023-{number}"
