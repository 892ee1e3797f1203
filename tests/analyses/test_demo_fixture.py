"""The shared demo fixture gives the demo's six platforms to the sections."""

from __future__ import annotations

from fokus.analyses.base import ReviewContext, ReviewData, records


def test_the_demo_has_posts_on_six_platforms(
    demo_data: tuple[ReviewData, ReviewContext],
) -> None:
    data, context = demo_data
    posts = data.posts
    platforms = records(posts.group_by("platform").aggregate(n=posts.count()))
    assert {row["platform"] for row in platforms} == {
        "facebook", "instagram", "linkedin", "tiktok", "youtube", "x"
    }  # fmt: skip
    assert context.today.isoformat() == "2026-11-20"
