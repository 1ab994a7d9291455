"""Curated facts the demo region is built from: real places, plausible institutions, names.

The programs the schools offer are in :mod:`chanjiao.demo.programs`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SchoolTemplate:
    name: str
    level: str
    district: int
    families: tuple[str, ...]


# Suzhou, Jiangsu (320500): twelve vocational schools in its districts.
SUZHOU = 320500
SUZHOU_SCHOOLS = (
    SchoolTemplate("苏州职业大学", "higher", 320506, ("manufacturing", "it", "business", "design")),
    SchoolTemplate("苏州工业职业技术学院", "higher", 320506, ("manufacturing", "electronics", "automotive")),
    SchoolTemplate("苏州工业园区职业技术学院", "higher", 320505, ("electronics", "manufacturing", "it")),
    SchoolTemplate("苏州经贸职业技术学院", "higher", 320505, ("business", "services", "design")),
    SchoolTemplate("苏州农业职业技术学院", "higher", 320507, ("agriculture", "services", "business")),
    SchoolTemplate("苏州卫生职业技术学院", "higher", 320506, ("health",)),
    SchoolTemplate("苏州信息职业技术学院", "higher", 320509, ("it", "electronics", "business")),
    SchoolTemplate("苏州健雄职业技术学院", "higher", 320585, ("manufacturing", "automotive", "electronics")),
    SchoolTemplate("沙洲职业工学院", "higher", 320582, ("manufacturing", "textile", "construction")),
    SchoolTemplate("硅湖职业技术学院", "undergraduate", 320583, ("electronics", "it", "health")),
    SchoolTemplate("苏州高等职业技术学校", "secondary", 320508, ("services", "design", "manufacturing")),
    SchoolTemplate("常熟中等专业学校", "secondary", 320581, ("textile", "manufacturing", "business")),
)

SUZHOU_BODIES = (
    ("government", "苏州市教育局", 320500),
    ("government", "苏州市发展和改革委员会", 320500),
    ("government", "苏州市人力资源和社会保障局", 320500),
    ("government", "昆山市教育局", 320583),
    ("association", "苏州市智能制造行业协会", 320505),
    ("association", "苏州市软件行业协会", 320505),
    ("association", "苏州市物流与采购协会", 320508),
    ("association", "苏州市餐饮烹饪行业协会", 320508),
    ("research", "苏州智能制造研究院", 320505),
    ("research", "苏州纳米科技协同创新中心", 320505),
    ("evaluator", "江苏中评教育评估有限公司", 320508),
    ("evaluator", "苏州市教育质量监测中心", 320508),
)

# Industry mix of a manufacturing city (GB/T 4754 sections, share of enterprises).
INDUSTRY_MIX = (
    ("C", 0.42),
    ("I", 0.10),
    ("F", 0.10),
    ("G", 0.08),
    ("H", 0.06),
    ("Q", 0.05),
    ("E", 0.05),
    ("L", 0.04),
    ("M", 0.03),
    ("O", 0.02),
    ("P", 0.02),
    ("R", 0.01),
    ("A", 0.01),
    ("J", 0.01),
)
INDUSTRY_WORDS = {
    "C": (
        "精密机械",
        "电子科技",
        "智能装备",
        "半导体",
        "汽车零部件",
        "新材料",
        "光电科技",
        "纺织",
        "医疗器械",
        "生物医药",
        "电气",
        "模具",
    ),
    "I": ("软件", "信息技术", "网络科技", "数据科技", "智能科技"),
    "F": ("商贸", "电子商务", "贸易", "医药连锁", "超市"),
    "G": ("物流", "供应链管理", "快递", "国际货运代理"),
    "H": ("酒店管理", "餐饮管理", "大酒店"),
    "Q": ("医院", "康复医院", "养老服务", "口腔门诊部"),
    "E": ("建设工程", "建筑装饰工程", "市政工程"),
    "L": ("人力资源", "商务咨询", "广告"),
    "M": ("检测技术", "工程设计", "技术服务"),
    "O": ("汽车服务", "家政服务", "物业服务"),
    "P": ("教育科技", "职业技能培训"),
    "R": ("文化传媒", "影视制作"),
    "A": ("农业科技", "园艺"),
    "J": ("融资租赁", "保险代理"),
}
BRAND_CHARS = "恒瑞华德科信达通精创博宏鑫汇新明星天嘉盛福泰隆金东亚中美凯力远誉晟昊辰宇腾飞润邦禾源"

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈任姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN_CHARS = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鑫斌宇浩凯健俊帆帅旭宁欣悦雪晨阳佳琪梓涵子轩一诺思远雨轩浩然若曦宏博文博嘉怡心怡晓东立新志强家豪俊杰子豪"

TEACHER_TITLES = ("助教", "讲师", "副教授", "教授", "高级讲师", "实验师")
MENTOR_TITLES = ("技术员", "工程师", "高级工程师", "技师", "高级技师", "车间主任", "人力资源经理")

# Carrier kinds as they are named in Chinese policy documents (demo names are Chinese).
CARRIER_KIND_ZH = {
    "industrial_college": "产业学院",
    "training_base": "实训基地",
    "joint_lab": "联合实验室",
    "training_centre": "实践教学中心",
    "virtual_simulation": "虚拟仿真实训平台",
    "online_course": "在线课程共建平台",
    "rd_exchange": "研发交流平台",
    "composite_platform": "产学研用平台",
    "public_service": "产教融合公共服务平台",
    "municipal_consortium": "市域产教联合体",
    "industry_community": "行业产教融合共同体",
}
