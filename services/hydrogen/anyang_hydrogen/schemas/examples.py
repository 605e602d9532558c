"""Identifiers of the demo data that request examples use, so that a fresh `make run` accepts them."""

DEMO_STATION_ID = "5f1c2a9e-7d41-4b6a-9c3e-2a8b1d0e4f01"  # 文峰示范加氢站 (ent-demo2), operating
DEMO_CYLINDER_SERIAL = "CYL-DEMO-0001"
DEMO_VIN = "LSVDEMA0000000001"
