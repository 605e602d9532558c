"""Pure domain rules of 信用安阳 (安政〔2023〕2号, 安政办〔2023〕1号): no I/O, no framework."""
