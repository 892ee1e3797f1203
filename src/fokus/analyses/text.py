"""Text (consideration 6): profile texts, findability, and post language.

* **Profile texts** from the profiles register (bio, about, tagline, description,
  link, name) and the page names the exports carry: each checked for its length,
  elements, language, readability and age, then all of them together for names,
  handles, brand terms and contradictions (:mod:`text_profiles`).
* **Findability**: how well the profile texts answer the queries in
  ``fokus.toml`` (:mod:`findability`).
* **Post language** against performance (:mod:`post_language`).

A missing or broken register never stops the section: its problems are findings,
and the post-language part runs on the posts alone. Method and sources:
docs/sections/text.md.
"""

from __future__ import annotations

from typing import ClassVar

from fokus.analyses.base import ReviewContext, ReviewData, records
from fokus.analyses.chart_data import share_from_table
from fokus.analyses.findability import embedding_scorer
from fokus.analyses.post_language import post_language
from fokus.analyses.register_problems import problem_findings
from fokus.analyses.text_parts import post_part, query_part
from fokus.analyses.text_profiles import (
    brand_names,
    check_texts,
    consistency_findings,
    names_table,
    profiles_table,
    terms_table,
    text_findings,
)
from fokus.model.results import Action, Finding, SectionResult, Table
from fokus.model.vocab import SectionStatus
from fokus.registers.profiles import ProfileText, export_names, profiles_from
from fokus.registers.templates import REGISTERS

_URGENCY = {"info": 0, "notice": 1, "warning": 2, "critical": 3}
_TEMPLATE = next(r.filename for r in REGISTERS if r.key == "profiles")


class Text:
    """Is the text more important than before?"""

    key: ClassVar[str] = "text"

    def run(self, data: ReviewData, context: ReviewContext) -> SectionResult:
        """Profile texts, findability and post language, with actions."""
        config = context.config
        findings: list[Finding] = []
        actions: list[Action] = []
        tables: list[Table] = []
        file = context.registers.get("profiles")
        register: tuple[ProfileText, ...] = ()
        if file is None:
            findings.append(
                Finding("finding.text.no_register", "warning", {"file": _TEMPLATE})
            )
        else:
            read = profiles_from(file)
            findings.extend(problem_findings(read.file, read.problems))
            register = read.texts
            if not register:
                findings.append(
                    Finding("finding.text.no_texts", "warning", {"file": read.file})
                )
        if not register:
            actions.append(
                Action("action.text.fill_register", 3, 1, {"file": _TEMPLATE})
            )
        accounts = data.accounts.group_by(["platform", "account_id"]).aggregate(
            name=data.accounts.name.max(), username=data.accounts.username.max()
        )
        exported = export_names(
            (r["platform"], r["name"], r["username"])
            for r in records(accounts.order_by(["platform", "account_id"]))
        )
        texts = (*register, *exported)
        names = brand_names(config)
        checked = check_texts(texts, names)
        profile_findings = text_findings(checked, config, context.today)
        profile_findings.extend(consistency_findings(texts, config))
        # The most urgent first; the register's order within a severity.
        profile_findings.sort(key=lambda f: -_URGENCY[f.severity])
        findings.extend(profile_findings)
        profiles = profiles_table(checked)
        tables.extend((profiles, names_table(texts, config)))
        if register:
            tables.append(terms_table(texts, config))
        actions.extend(_profile_actions(profile_findings))
        findings_q, table_q, actions_q = self._queries(context, register)
        findings.extend(findings_q)
        actions.extend(actions_q)
        if table_q is not None:
            tables.append(table_q)
        post_findings, post_table = post_part(post_language(data.measures, data.texts))
        findings.extend(post_findings)
        tables.append(post_table)
        status: SectionStatus = "ok" if register else "insufficient_data"
        lengths = share_from_table(
            (profiles,),
            key="text.lengths",
            title_key="table.text.chart.lengths",
            parts=("platform", "account", "field"),
            part="chars",
            whole="limit",
            note_key="section.text.chart.lengths",
            value_key="column.text.chart.of_limit",
        )
        return SectionResult(
            self.key,
            status,
            findings=tuple(findings),
            tables=tuple(t for t in tables if t.rows),
            actions=tuple(actions),
            charts=() if lengths is None else (lengths,),
        )

    @staticmethod
    def _queries(
        context: ReviewContext, register: tuple[ProfileText, ...]
    ) -> tuple[list[Finding], Table | None, list[Action]]:
        config = context.config
        if not config.findability_queries:
            return (
                [Finding("finding.text.no_queries", "info")],
                None,
                [Action("action.text.add_queries", 1, 1)],
            )
        if not register:
            return [], None, []
        findings: list[Finding] = []
        scorer = None
        if config.findability_method == "embeddings":
            scorer = embedding_scorer()
            if scorer is None:
                findings.append(Finding("finding.text.no_embeddings", "notice"))
        found, table = query_part(config.findability_queries, register, scorer)
        findings.extend(found)
        weak = [f.params["query"] for f in found if f.key == "finding.text.query_weak"]
        actions = []
        if weak:
            actions.append(
                Action(
                    "action.text.answer_queries",
                    2,
                    1,
                    {"queries": ", ".join(f"«{q}»" for q in weak), "n": len(weak)},
                    ("finding.text.query_weak",),
                )
            )
        return findings, table, actions


def _profile_actions(findings: list[Finding]) -> list[Action]:
    actions = []
    keys = [f.key for f in findings]
    fixes = [f for f in findings if f.severity == "warning"]
    if fixes:
        actions.append(
            Action(
                "action.text.fix_profiles",
                3,
                1,
                {"n": len(fixes)},
                tuple(dict.fromkeys(f.key for f in fixes)),
            )
        )
    if "finding.text.name_variant" in keys:
        actions.append(
            Action("action.text.align_name", 2, 1, {}, ("finding.text.name_variant",))
        )
    if "finding.text.other_language" in keys:
        actions.append(
            Action(
                "action.text.one_language", 1, 1, {}, ("finding.text.other_language",)
            )
        )
    return actions
