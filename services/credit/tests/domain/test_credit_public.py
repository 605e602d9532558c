from anyang_credit.domain.public import public_name, public_text


def test_public_text_hides_id_and_mobile_numbers_and_persons_names_are_shortened():
    text = "身份证410502198506150026，手机13912345678，合同号20230101000000000000"
    out = public_text(text)
    assert "410502********0026" in out and "139****5678" in out
    assert "20230101000000000000" in out  # a longer number is not an ID number
    assert public_name("张三", True) == "张*" and public_name("欧阳娜娜", True) == "欧***"
    assert public_name("", True) == ""
    assert public_name("安阳甲示范有限公司", False) == "安阳甲示范有限公司"


def test_an_address_keeps_its_administrative_part_only():
    assert public_text("住址：安阳市文峰区中华路12号3单元401室") == "住址：安阳市文峰区****"
    assert public_text("地址河南省安阳市北关区红旗路东段5号院2号楼") == "地址河南省安阳市北关区****"
    assert public_text("林州市某某村3组") == "林州市****"
    assert public_text("依据安市监罚〔2026〕901号《条例》第十条第3款") == "依据安市监罚〔2026〕901号《条例》第十条第3款"
