import pytest

from govkit import refdata
from govkit.refdata import UnknownUnit, group_members, is_region, regions, resolve, unit, units

# The department codes every service relies on (common context), with their full names.
DEPARTMENTS = {
    "fgw": "市发展和改革委员会", "gxj": "市工业和信息化局", "scjg": "市市场监督管理局",
    "sw": "国家税务总局安阳市税务局", "zy": "安阳市中级人民法院", "rsj": "市人力资源和社会保障局",
    "tjj": "市统计局", "kjj": "市科学技术局", "swj": "市商务局", "cgj": "市城市管理局",
    "zjj": "市住房和城乡建设局", "yjj": "市应急管理局", "sthj": "市生态环境局", "zfb": "市政府办公室",
}

REGIONS = {
    "410502": ("文峰区", "district"), "410503": ("北关区", "district"), "410505": ("殷都区", "district"),
    "410506": ("龙安区", "district"), "410522": ("安阳县", "county"), "410523": ("汤阴县", "county"),
    "410526": ("滑县", "county"), "410527": ("内黄县", "county"), "410581": ("林州市", "county_city"),
    "410590": ("高新技术产业开发区", "functional_zone"), "410591": ("城乡一体化示范区", "functional_zone"),
    "410592": ("经济技术开发区", "functional_zone"),
}

# Every responsible unit named in 安政办〔2023〕5号 and the annex of 安政办〔2023〕1号, spelled as printed.
BULLETIN_UNITS = [
    "市发展改革委", "市工业和信息化局", "市科技局", "市财政局", "市自然资源和规划局", "市商务局",
    "市农业农村局", "市住房城乡建设局", "市人力资源社会保障局", "市生态环境局", "市文广体旅局",
    "市交通运输局", "市市场监管局", "市金融工作局", "林州市政府", "殷都区政府", "北关区政府", "安阳县政府",
    "市卫生健康委", "市文旅集团", "市文物局", "市应急局", "市通用航空发展中心", "汤阴县政府", "市教育局",
    "市乡村振兴局", "市政务服务和大数据局", "市税务局", "内黄县政府", "殷墟管委会", "文峰区政府",
    "市城市管理局", "市公安局", "市水利局", "市林业局", "市民政局", "安阳银保监分局", "人行安阳市中心支行",
    "市医保局", "中国文字博物馆", "滑县政府", "市农科院", "市人防办", "市供销社", "市邮政管理局",
    "市邮政公司", "市审计局", "市统计局", "省药品监管局第五分局", "人行安阳支行", "高新区", "经开区",
    "示范区", "市委市政府督查局", "安阳海关", "市政府台办", "市社科联", "中棉所", "市妇联", "龙安区政府",
    "市总工会", "市文明办", "市气象局", "河南护理职业学院", "安阳幼儿师范高等专科学校", "安阳职业技术学院",
    "市国控集团", "市第五人民医院", "市肿瘤医院", "市儿童医院", "市人民医院", "市残联", "市第二人民医院",
    "市重建办", "市处置办", "市司法局", "市信访局", "市退役军人事务局", "市民宗局",
    # 安政办〔2023〕1号 附件 (with its line breaks) and the credit plan
    "市政务服务和大数 据管理局", "市公共 源交易中心", "国网 安阳供电公司", "市政府办公室", "市纪委监委",
    "市委组织部", "市法院", "市金融局", "市委宣传部", "市委网信办", "市工商联", "市中级人民法院",
    "市应急管理局",
]


def test_data_version():
    assert refdata.DATA_VERSION == "2023.3"


@pytest.mark.parametrize("alias", ["消防部门", "消防机构", "安阳市消防救援支队"])
def test_the_fire_service_resolves_from_the_hydrogen_measures_names(alias):
    assert resolve(alias).code == "xfzd" and unit("xfzd").name == "市消防救援支队"


@pytest.mark.parametrize("code,name", DEPARTMENTS.items())
def test_department_codes(code, name):
    u = unit(code)
    assert (u.name, u.kind) == (name, "department") and not is_region(code)


@pytest.mark.parametrize("name", BULLETIN_UNITS)
def test_every_unit_the_bulletin_names_resolves(name):
    assert resolve(name).code


@pytest.mark.parametrize("alias,code", [
    ("市发改委", "fgw"), ("市发展改革委", "fgw"), ("安阳市发展和改革委员会", "fgw"), ("fgw", "fgw"),
    ("FGW", "fgw"),
    ("市工信局", "gxj"), ("市评选工作领导小组办公室", "gxj"), ("市市场监管局", "scjg"), ("市税务局", "sw"),
    ("市法院", "zy"), ("市中级人民法院", "zy"), ("市人力资源社会保障局", "rsj"), ("市科技局", "kjj"),
    ("市住房城乡建设局", "zjj"), ("市应急局", "yjj"), ("市应急管理局", "yjj"), ("市政府督查室", "dcs"),
    ("市委市政府督查局", "dcs"), ("安阳市人民政府办公室", "zfb"), ("市金融局", "jrj"),
    ("市金融工作局", "jrj"),
    ("人行安阳支行", "rmyh"), ("人行安阳市中心支行", "rmyh"), ("市政务服务和大数据局", "zwfw"),
    ("市政务服务和大数据管理局", "zwfw"), ("市公共 源交易中心", "ggzy"), ("市公共资源交易中心", "ggzy"),
    ("文峰区人民政府", "410502"), ("林州市", "410581"), ("安阳市", "410500"), ("安阳市人民政府", "410500"),
    ("高新技术产业开发区管委会", "410590"), ("城乡一体化示范区管委会", "410591"), ("经开区", "410592"),
])
def test_aliases_resolve_to_one_code(alias, code):
    assert resolve(alias).code == code


def test_regions():
    listed = regions()
    assert {u.code: (u.name, u.kind) for u in listed} == REGIONS
    assert all(u.acts_as_county and u.parent == "410500" for u in listed)
    assert [u.code for u in listed if u.kind == "functional_zone"] == ["410590", "410591", "410592"]
    assert all(u.government.endswith("管委会") for u in listed if u.kind == "functional_zone")
    assert "410500" in [u.code for u in regions(include_city=True)]


@pytest.mark.parametrize("code,expected", [("410502", True), ("410592", True), ("410500", True),
                                           ("410504", False), ("fgw", False), ("", False)])
def test_is_region(code, expected):
    assert is_region(code) is expected


def test_codes_and_names_are_unique():
    codes = [u.code for u in units()]
    assert len(codes) == len(set(codes))
    for u in units():
        assert resolve(u.name) is u and resolve(u.short_name) is u
        for alias in u.aliases:
            assert resolve(alias) is u


def test_unknown_unit_suggests_close_names():
    with pytest.raises(UnknownUnit) as exc:
        resolve("市发改局")
    assert isinstance(exc.value, KeyError)
    assert "市发展和改革委员会（fgw）" in str(exc.value) and "2023.3" in str(exc.value)


def test_unknown_code():
    with pytest.raises(KeyError, match="unknown unit code"):
        unit("nope")


def test_collective_names_expand_to_regions():
    nine = [u.code for u in group_members("各县〔市、区〕政府")]
    assert len(nine) == 9 and "410590" not in nine
    assert len(group_members("各县（市、区）人民政府（管委会）")) == 12
    assert [u.name for u in group_members("各县（市）")] == ["安阳县", "汤阴县", "滑县", "内黄县", "林州市"]
    with pytest.raises(UnknownUnit, match="group_members"):
        resolve("各县（市、区）政府")
    with pytest.raises(KeyError):
        group_members("市发改委")


def test_as_dict_is_plain_data():
    d = resolve("高新区").as_dict()
    assert d["code"] == "410590" and d["kind"] == "functional_zone" and "高新区" in d["aliases"]


def test_duplicate_alias_in_data_is_refused():
    text = """
version: "x"
departments:
  - {code: a, name: 甲, category: c, aliases: [丙]}
  - {code: b, name: 乙, category: c, aliases: [丙]}
city: {code: "1", name: 市, government: 市政府}
regions: []
"""
    with pytest.raises(ValueError, match="丙"):
        refdata._load(text)
