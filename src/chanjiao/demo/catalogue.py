"""Curated facts the demo region is built from: real places, plausible institutions.

Program codes follow the 2021 national catalogue of higher vocational programs; each program
lists the CSCO 2022 occupations its graduates enter (crosswalk weight), the industries
(GB/T 4754 sections) that hire them, typical skills and certificates.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProgramTemplate:
    code: str
    name: str
    family: str
    crosswalk: tuple[tuple[str, float], ...]
    industries: str
    skills: tuple[str, ...]
    certificates: tuple[str, ...]


PROGRAMS = (
    ProgramTemplate(
        "460103",
        "数控技术",
        "manufacturing",
        (("6-18-01-01", 0.4), ("6-18-01-07", 0.4), ("6-18-01-02", 0.2)),
        "C",
        ("数控编程", "CAD/CAM", "精密测量"),
        ("1+X 数控车铣加工（中级）", "车工（四级）"),
    ),
    ProgramTemplate(
        "460301",
        "机电一体化技术",
        "manufacturing",
        (("6-31-01-10", 0.5), ("6-20-01-01", 0.3), ("6-31-01-02", 0.2)),
        "C",
        ("PLC 编程", "液压与气动", "机械装调"),
        ("电工（四级）", "1+X 机械工程制图"),
    ),
    ProgramTemplate(
        "460305",
        "工业机器人技术",
        "manufacturing",
        (("6-31-07-01", 0.6), ("6-31-07-03", 0.4)),
        "C",
        ("机器人编程", "PLC 编程", "视觉检测"),
        ("1+X 工业机器人操作与运维", "电工（四级）"),
    ),
    ProgramTemplate(
        "460306",
        "电气自动化技术",
        "manufacturing",
        (("2-02-11-01", 0.4), ("6-31-01-10", 0.3), ("6-28-01-06", 0.3)),
        "CD",
        ("供配电", "PLC 编程", "变频调速"),
        ("电工（四级）", "低压电工作业证"),
    ),
    ProgramTemplate(
        "460113",
        "模具设计与制造",
        "manufacturing",
        (("6-18-04-01", 0.7), ("2-02-07-06", 0.3)),
        "C",
        ("模具设计", "UG 建模", "注塑工艺"),
        ("1+X 模具数字化设计",),
    ),
    ProgramTemplate(
        "460110",
        "焊接技术与自动化",
        "manufacturing",
        (("6-18-02-04", 1.0),),
        "CE",
        ("焊接工艺", "焊接机器人"),
        ("焊工（四级）", "熔化焊接与热切割作业证"),
    ),
    ProgramTemplate(
        "460104",
        "智能制造装备技术",
        "manufacturing",
        (("2-02-38-05", 0.5), ("6-20-03-01", 0.5)),
        "C",
        ("数字孪生", "装备调试", "MES"),
        ("1+X 智能制造生产管理与控制",),
    ),
    ProgramTemplate(
        "460116",
        "增材制造技术",
        "manufacturing",
        (("6-18-01-13", 0.6), ("2-02-38-11", 0.4)),
        "C",
        ("3D 打印", "逆向工程"),
        ("1+X 增材制造模型设计",),
    ),
    ProgramTemplate(
        "510401",
        "集成电路技术",
        "electronics",
        (("6-25-02-06", 0.6), ("6-25-02-05", 0.4)),
        "C",
        ("芯片封装测试", "半导体工艺", "洁净室规范"),
        ("1+X 集成电路封装与测试",),
    ),
    ProgramTemplate(
        "510101",
        "电子信息工程技术",
        "electronics",
        (("6-25-04-07", 0.5), ("6-21-04-01", 0.5)),
        "C",
        ("电路设计", "嵌入式开发", "SMT 工艺"),
        ("1+X 传感网应用开发", "电子设备装接工（四级）"),
    ),
    ProgramTemplate(
        "510201",
        "计算机应用技术",
        "it",
        (("4-04-05-01", 0.5), ("4-04-05-02", 0.3), ("2-02-10-03", 0.2)),
        "IL",
        ("Java", "数据库", "Web 前端"),
        ("计算机技术与软件专业技术资格（初级）",),
    ),
    ProgramTemplate(
        "510202",
        "计算机网络技术",
        "it",
        (("2-02-10-04", 0.5), ("4-04-04-02", 0.5)),
        "I",
        ("网络配置", "Linux 运维", "网络安全"),
        ("1+X 网络系统建设与运维（中级）",),
    ),
    ProgramTemplate(
        "510203",
        "软件技术",
        "it",
        (("2-02-10-03", 0.6), ("4-04-05-01", 0.4)),
        "I",
        ("Java", "Python", "软件测试"),
        ("1+X Web 前端开发（中级）",),
    ),
    ProgramTemplate(
        "510205",
        "大数据技术",
        "it",
        (("2-02-38-03", 0.6), ("2-02-30-09", 0.4)),
        "IM",
        ("Python", "Hadoop", "数据可视化"),
        ("1+X 大数据应用开发（Python）",),
    ),
    ProgramTemplate(
        "510206",
        "云计算技术应用",
        "it",
        (("2-02-38-04", 1.0),),
        "I",
        ("云平台运维", "容器技术", "Linux 运维"),
        ("1+X 云计算平台运维与开发",),
    ),
    ProgramTemplate(
        "510207",
        "信息安全技术应用",
        "it",
        (("4-04-04-02", 0.5), ("2-02-10-07", 0.5)),
        "IJ",
        ("渗透测试", "等级保护", "网络安全"),
        ("1+X 网络安全运维",),
    ),
    ProgramTemplate(
        "510209",
        "人工智能技术应用",
        "it",
        (("4-04-05-05", 0.6), ("2-02-38-01", 0.4)),
        "IM",
        ("数据标注", "机器学习", "Python"),
        ("1+X 人工智能深度学习工程应用",),
    ),
    ProgramTemplate(
        "500211",
        "新能源汽车技术",
        "automotive",
        (("4-12-01-01", 0.5), ("6-22-02-01", 0.5)),
        "CO",
        ("动力电池检测", "汽车电控", "高压安全"),
        ("1+X 新能源汽车动力驱动电机电池技术", "低压电工作业证"),
    ),
    ProgramTemplate(
        "500201",
        "汽车检测与维修技术",
        "automotive",
        (("4-12-01-01", 1.0),),
        "O",
        ("汽车诊断", "发动机维修"),
        ("汽车维修工（四级）",),
    ),
    ProgramTemplate(
        "530802",
        "物流管理",
        "business",
        (("4-02-06-03", 0.4), ("4-02-06-01", 0.4), ("4-02-06-05", 0.2)),
        "GF",
        ("仓储管理", "WMS", "运输调度"),
        ("1+X 物流管理（中级）",),
    ),
    ProgramTemplate(
        "530805",
        "供应链运营",
        "business",
        (("4-02-06-05", 0.6), ("2-02-30-11", 0.4)),
        "GF",
        ("采购管理", "ERP", "数据分析"),
        ("1+X 供应链运营",),
    ),
    ProgramTemplate(
        "530701",
        "电子商务",
        "business",
        (("4-01-06-01", 0.6), ("4-01-06-02", 0.4)),
        "FL",
        ("网店运营", "直播运营", "短视频制作"),
        ("1+X 网店运营推广（中级）", "互联网营销师（四级）"),
    ),
    ProgramTemplate(
        "530605",
        "市场营销",
        "business",
        (("4-01-02-01", 0.6), ("2-06-07-02", 0.4)),
        "FL",
        ("市场调研", "客户关系管理"),
        ("1+X 数字营销技术应用",),
    ),
    ProgramTemplate(
        "530302",
        "大数据与会计",
        "business",
        (("2-06-03-00", 1.0),),
        "JLF",
        ("财务软件", "税务申报", "Excel"),
        ("初级会计专业技术资格", "1+X 业财一体信息化应用"),
    ),
    ProgramTemplate(
        "520201",
        "护理",
        "health",
        (("2-05-08-01", 0.4), ("2-05-08-04", 0.3), ("2-05-08-05", 0.3)),
        "Q",
        ("基础护理", "急救技术", "老年护理"),
        ("护士执业资格", "1+X 母婴护理"),
    ),
    ProgramTemplate(
        "520301",
        "药学",
        "health",
        (("2-05-06-00", 0.6), ("6-12-03-00", 0.4)),
        "QCF",
        ("药品调剂", "GMP", "药品检验"),
        ("1+X 药品购销",),
    ),
    ProgramTemplate(
        "520501",
        "医学检验技术",
        "health",
        (("2-05-07-04", 1.0),),
        "Q",
        ("临床检验", "生化检验"),
        ("临床医学检验技术（士）",),
    ),
    ProgramTemplate(
        "520601",
        "康复治疗技术",
        "health",
        (("2-05-07-13", 1.0),),
        "Q",
        ("运动治疗", "作业治疗"),
        ("康复医学治疗技术（士）",),
    ),
    ProgramTemplate(
        "590302",
        "智慧健康养老服务与管理",
        "health",
        (("4-10-01-05", 0.7), ("4-14-02-05", 0.3)),
        "QO",
        ("老年照护", "健康评估"),
        ("1+X 老年照护（中级）", "养老护理员（四级）"),
    ),
    ProgramTemplate(
        "570102",
        "学前教育",
        "services",
        (("2-08-03-00", 0.7), ("4-10-01-03", 0.3)),
        "P",
        ("幼儿活动设计", "钢琴", "儿童心理"),
        ("幼儿园教师资格", "保育师（四级）"),
    ),
    ProgramTemplate(
        "540101",
        "旅游管理",
        "services",
        (("4-07-04-01", 1.0),),
        "HL",
        ("导游讲解", "行程策划"),
        ("导游资格证",),
    ),
    ProgramTemplate(
        "540106",
        "酒店管理与数字化运营",
        "services",
        (("4-03-01-01", 0.6), ("4-03-02-05", 0.4)),
        "H",
        ("前厅服务", "收益管理", "餐饮服务"),
        ("1+X 酒店运营管理",),
    ),
    ProgramTemplate(
        "540202",
        "烹饪工艺与营养",
        "services",
        (("4-03-02-01", 0.8), ("6-02-01-01", 0.2)),
        "H",
        ("中式烹调", "营养配餐"),
        ("中式烹调师（四级）",),
    ),
    ProgramTemplate(
        "550106",
        "室内艺术设计",
        "design",
        (("4-08-08-07", 1.0),),
        "ER",
        ("室内设计", "3ds Max", "软装搭配"),
        ("1+X 室内设计",),
    ),
    ProgramTemplate(
        "550103",
        "数字媒体艺术设计",
        "design",
        (("4-13-02-02", 0.5), ("4-08-08-08", 0.5)),
        "RI",
        ("平面设计", "动画制作", "短视频剪辑"),
        ("1+X 数字媒体交互设计",),
    ),
    ProgramTemplate(
        "480401",
        "现代纺织技术",
        "textile",
        (("2-02-23-01", 0.5), ("6-04-06-02", 0.5)),
        "C",
        ("纺织工艺", "面料检测"),
        ("纺织染色工（四级）",),
    ),
    ProgramTemplate(
        "480501",
        "服装设计与工艺",
        "textile",
        (("2-09-06-02", 0.6), ("2-02-23-05", 0.4)),
        "CR",
        ("服装制版", "服装 CAD"),
        ("1+X 服装陈列设计",),
    ),
    ProgramTemplate(
        "410103",
        "园艺技术",
        "agriculture",
        (("5-01-02-01", 0.6), ("4-09-10-01", 0.4)),
        "AN",
        ("设施园艺", "植物保护"),
        ("农艺工（四级）",),
    ),
    ProgramTemplate(
        "440301",
        "建筑工程技术",
        "construction",
        (("2-02-18-02", 1.0),),
        "E",
        ("施工管理", "BIM 建模", "工程测量"),
        ("1+X 建筑信息模型（BIM）", "施工员岗位证书"),
    ),
    ProgramTemplate(
        "470201",
        "应用化工技术",
        "manufacturing",
        (("6-31-03-01", 1.0),),
        "C",
        ("化工分析", "安全生产"),
        ("化学检验员（四级）",),
    ),
    ProgramTemplate(
        "500609",
        "无人机应用技术",
        "electronics",
        (("4-02-04-06", 0.6), ("6-23-03-15", 0.4)),
        "CM",
        ("无人机操控", "航测"),
        ("民用无人机驾驶员执照",),
    ),
    ProgramTemplate(
        "430302",
        "光伏工程技术",
        "electronics",
        (("6-24-02-04", 0.5), ("6-28-01-10", 0.5)),
        "CD",
        ("光伏组件", "电站运维"),
        ("电工（四级）",),
    ),
)

PROGRAM_BY_CODE = {p.code: p for p in PROGRAMS}
FAMILIES = sorted({p.family for p in PROGRAMS})


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
