"""The monthly supervision report as documents a person reads: HTML with an inline SVG chart and no
external assets (HTML), and PDF made with fpdf2 in a CJK font (PDF)."""
