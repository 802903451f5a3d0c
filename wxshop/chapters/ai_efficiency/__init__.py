"""Section 2.4 (未来已来，AI+将提升产业链运营效率): AI vs human moderation cost, AI advertising."""
