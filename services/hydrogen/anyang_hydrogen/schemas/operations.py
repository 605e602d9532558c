"""Quality reports, operating records and posted prices in the API."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from anyang_hydrogen.domain.records import QualitySource, RecordKind


class QualityReportIn(BaseModel):
    source: QualitySource = Field(
        description="producer 氢气气源厂家 / third_party 具备资质的第三方检测机构（第十六条）")
    issuer: str = Field(min_length=1, max_length=200, description="出具报告的单位")
    report_number: str = Field(min_length=1, max_length=100)
    tested_on: date
    standard: str = Field("GB/T 37244-2018", max_length=100, description="依据的国家标准")
    conforms: bool = Field(description="氢气质量符合国家标准")

    model_config = {"json_schema_extra": {"examples": [{
        "source": "third_party", "issuer": "河南省计量测试科学研究院", "report_number": "QH-2026-118",
        "tested_on": "2026-11-20", "conforms": True}]}}


class QualityReportOut(BaseModel):
    id: str
    station_id: str
    source: QualitySource
    source_label: str
    issuer: str
    report_number: str
    tested_on: date
    standard: str
    conforms: bool
    published_on: date


class QualitySummary(BaseModel):
    latest_third_party: date | None
    latest_producer: date | None
    stale: bool = Field(description="最近第三方报告超过规定间隔（默认3个月，第十六条解释）或未公示")
    basis: str


class RecordIn(BaseModel):
    kind: RecordKind = Field(description="第十七条：operation 主要设备运行 / unloading 卸车 / "
                                         "posted_price 当日挂牌价格 / monitoring 监控数据 / maintenance 维护 / "
                                         "inspection 检验 / fault 故障 / staff_change 人员调整")
    summary: str = Field(min_length=1, max_length=4000)
    price_fen_per_kg: int | None = Field(None, gt=0, le=100_000, description="挂牌价格（分/千克，posted_price 必填）")

    model_config = {"json_schema_extra": {"examples": [{
        "kind": "posted_price", "summary": "当日挂牌价格", "price_fen_per_kg": 3500}]}}


class RecordOut(BaseModel):
    id: str
    station_id: str
    kind: RecordKind
    kind_label: str
    recorded_on: date = Field(description="录入之日（服务时钟），保存期限自次日起算")
    summary: str
    price_fen_per_kg: int | None
    retained_until: date = Field(description="保存期限最后一日；次日起方可删除（第十七条）")


class PurgeOut(BaseModel):
    deleted: int
    basis: str


class PriceOut(BaseModel):
    station_id: str
    station_name: str
    region: str
    region_name: str
    address: str
    price_date: date
    price_fen_per_kg: int
