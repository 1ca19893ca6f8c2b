"""Whatever the text, the offline engine answers: a level of the rubric (or not applicable) and evidence that
is an exact span of the reply."""

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain import GradingItem, ItemContext, Message
from bot.grading.offline import grade_offline

WORDS = st.sampled_from([
    "calm down", "sorry", "you idiot", "I guarantee", "$500", "tomorrow", "?", "Tell me", "what happened", "'",
    '"', "—", "I'll", "refund", "policy", "not", "can't", "never", "you", "\n", "!!", "ok", "😂", "within 3 days",
])
TEXT = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=25).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(reply=TEXT, customer=TEXT, policy=st.one_of(st.none(), TEXT))
def test_any_text_gets_a_rubric_level_and_a_verbatim_span(rubric, reply, customer, policy):
    item = GradingItem(id="p", context=ItemContext(persona="P, upset: x", policy=policy),
                       history=[Message(role="customer", text=customer)], reply=reply)
    grade = grade_offline(item, rubric)
    for criterion in rubric.criteria:
        result = grade.criteria[criterion.id]
        assert result.status in ("graded", "not_applicable")
        if result.status == "graded":
            assert result.level in {level.id for level in criterion.levels}
        assert result.evidence is None or result.evidence in reply
