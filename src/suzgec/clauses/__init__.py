"""Clause checks: plain callables `(Comment) -> list[Signal]`, one module per clause family.

`form` covers capitals, Turkish characters and spelling; `lexicon` covers the four content
clauses (profanity, insult, offensive, belief_attack) by Turkish-aware lexicon matching.
"""
