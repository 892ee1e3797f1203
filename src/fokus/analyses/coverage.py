"""Data and coverage: what was imported, for which accounts and periods, and gaps.

Every other section rests on this one, so it says plainly what the review can and
cannot see: accounts, the days covered, posts per channel and format, gaps in the
daily series and rows that could not be used.
"""

from __future__ import annotations

from typing import ClassVar

import ibis

from fokus.analyses.base import ReviewContext, ReviewData, records, scalar, to_date
from fokus.analyses.labels import metric_label
from fokus.analyses.lists import listed_keys
from fokus.i18n import MessageKey
from fokus.model.results import Action, Column, Evidence, Finding, SectionResult, Table
from fokus.registers.summary import summarise

_FULL_YEAR_DAYS = 365


class Coverage:
    """What the review is based on."""

    key: ClassVar[str] = "coverage"

    def run(self, data: ReviewData, context: ReviewContext) -> SectionResult:
        """Tables of accounts, formats, series and files; findings about gaps."""
        n_posts = int(scalar(data.posts.count()))
        n_days = int(scalar(data.daily.count()))
        registers, register_findings = _registers(context)
        if n_posts == 0 and n_days == 0:
            return SectionResult(
                self.key,
                "insufficient_data",
                findings=(
                    Finding("finding.coverage.no_data", "warning"),
                    *register_findings,
                ),
                tables=(registers,),
                actions=(Action("action.coverage.import_exports", impact=3, effort=1),),
            )
        accounts = self._accounts(data)
        formats = self._formats(data)
        series, gaps = self._series(data)
        files, skipped = self._files(data)
        findings = [*self._period_findings(data, n_posts), *gaps]
        findings.extend(self._channel_findings(data, context))
        if skipped:
            findings.append(
                Finding(
                    "finding.coverage.rows_skipped",
                    "notice",
                    {"n": skipped},
                    Evidence(n=skipped),
                )
            )
        findings.extend(self._paid_findings(data))
        findings.extend(register_findings)
        tables = (accounts, formats, series, files, registers)
        return SectionResult(
            self.key,
            "ok",
            findings=tuple(findings),
            tables=tuple(t for t in tables if t.rows),
        )

    @staticmethod
    def _paid_findings(data: ReviewData) -> list[Finding]:
        """Where organic and paid cannot be told apart, per platform.

        Some exports never say (Instagram's); others say it only when the right
        columns were chosen (Facebook's boosted reach): the advice differs.
        """
        posts = data.posts
        per_platform = records(
            posts.group_by("platform")
            .aggregate(total=posts.count(), unknown=(posts.paid == "unknown").sum())
            .order_by("platform")
        )
        findings = []
        for row in per_platform:
            total, unknown = int(row["total"]), int(row["unknown"])
            if not unknown:
                continue
            platform = MessageKey(f"platform.{row['platform']}")
            key = (
                "finding.coverage.paid_not_in_export"
                if unknown == total and row["platform"] != "facebook"
                else "finding.coverage.paid_unknown"
            )
            findings.append(
                Finding(
                    key,
                    "notice",
                    {"platform": platform, "n": unknown, "total": total},
                    Evidence(n=total, value=unknown / total),
                )
            )
        return findings

    @staticmethod
    def _accounts(data: ReviewData) -> Table:
        posts = data.posts
        per_account = posts.group_by(["platform", "account_id"]).aggregate(
            posts=posts.count(),
            first=posts.published_day.min(),
            last=posts.published_day.max(),
        )
        named = per_account.left_join(
            data.accounts.select("platform", "account_id", "name", "username"),
            ["platform", "account_id"],
        ).order_by(["platform", "account_id"])
        rows = records(named)
        return Table(
            "coverage.accounts",
            "table.coverage.accounts",
            (
                Column("platform", "column.platform", "label"),
                Column("account", "column.account"),
                Column("posts", "column.posts", "integer"),
                Column("first", "column.first_day", "date"),
                Column("last", "column.last_day", "date"),
            ),
            tuple(
                (
                    f"platform.{r['platform']}",
                    _name(r),
                    int(r["posts"]),
                    to_date(r["first"]),
                    to_date(r["last"]),
                )
                for r in rows
            ),
        )

    @staticmethod
    def _formats(data: ReviewData) -> Table:
        posts = data.posts
        counts = (
            posts.group_by(["platform", "format"])
            .aggregate(
                posts=posts.count(),
                organic=(posts.paid == "organic").sum(),
                paid=(posts.paid == "paid").sum(),
                unknown=(posts.paid == "unknown").sum(),
            )
            .order_by(["platform", ibis.desc("posts"), "format"])
        )
        rows = records(counts)
        return Table(
            "coverage.formats",
            "table.coverage.formats",
            (
                Column("platform", "column.platform", "label"),
                Column("format", "column.format", "label"),
                Column("posts", "column.posts", "integer"),
                Column("organic", "column.organic", "integer"),
                Column("paid", "column.paid", "integer"),
                Column("unknown", "column.paid_unknown", "integer"),
            ),
            tuple(
                (
                    f"platform.{r['platform']}",
                    f"format.{r['format']}",
                    int(r["posts"]),
                    int(r["organic"]),
                    int(r["paid"]),
                    int(r["unknown"]),
                )
                for r in rows
            ),
        )

    @staticmethod
    def _series(data: ReviewData) -> tuple[Table, list[Finding]]:
        daily = data.daily
        spans = (
            daily.group_by(["platform", "account_id", "metric"])
            .aggregate(
                first=daily.day.min(),
                last=daily.day.max(),
                days=daily.day.nunique(),
            )
            .order_by(["platform", "account_id", "metric"])
        )
        rows = records(spans)
        table_rows = []
        findings = []
        for r in rows:
            first, last = to_date(r["first"]), to_date(r["last"])
            assert first is not None and last is not None
            expected = (last - first).days + 1
            missing = expected - int(r["days"])
            table_rows.append(
                (
                    f"platform.{r['platform']}",
                    r["account_id"],
                    metric_label(str(r["metric"])),
                    first,
                    last,
                    int(r["days"]),
                    missing,
                )
            )
            if missing:
                findings.append(
                    Finding(
                        "finding.coverage.series_gaps",
                        "notice",
                        {
                            "platform": MessageKey(f"platform.{r['platform']}"),
                            "metric": metric_label(str(r["metric"])),
                            "missing": missing,
                            "first": first,
                            "last": last,
                        },
                        Evidence(n=expected, value=missing / expected),
                    )
                )
            if r["platform"] == "meta":
                findings.append(
                    Finding(
                        "finding.coverage.series_platform_unknown",
                        "notice",
                        {
                            "metric": metric_label(str(r["metric"])),
                            "account": str(r["account_id"]),
                        },
                    )
                )
        table = Table(
            "coverage.series",
            "table.coverage.series",
            (
                Column("platform", "column.platform", "label"),
                Column("account", "column.account"),
                Column("metric", "column.metric", "label"),
                Column("first", "column.first_day", "date"),
                Column("last", "column.last_day", "date"),
                Column("days", "column.days", "integer"),
                Column("missing", "column.days_missing", "integer"),
            ),
            tuple(table_rows),
        )
        return table, findings

    @staticmethod
    def _files(data: ReviewData) -> tuple[Table, int]:
        imports = data.imports.order_by(["file_name", "import_id"])
        rows = records(imports)
        table = Table(
            "coverage.files",
            "table.coverage.files",
            (
                Column("file", "column.file"),
                Column("kind", "column.kind", "label"),
                Column("as_of", "column.as_of", "date"),
                Column("rows", "column.rows_imported", "integer"),
                Column("skipped", "column.rows_skipped", "integer"),
            ),
            tuple(
                (
                    r["file_name"],
                    f"kind.{r['kind']}",
                    to_date(r["as_of"]),
                    int(r["rows_imported"]),
                    int(r["rows_skipped"]),
                )
                for r in rows
            ),
        )
        return table, sum(int(r["rows_skipped"]) for r in rows)

    @staticmethod
    def _period_findings(data: ReviewData, n_posts: int) -> list[Finding]:
        if not n_posts:
            return [Finding("finding.coverage.no_posts", "warning")]
        posts = data.posts
        first = to_date(scalar(posts.published_day.min()))
        last = to_date(scalar(posts.published_day.max()))
        assert first is not None and last is not None
        days = (last - first).days + 1
        findings = [
            Finding(
                "finding.coverage.period",
                "info",
                {"n": n_posts, "first": first, "last": last, "days": days},
                Evidence(n=n_posts),
            )
        ]
        if days < _FULL_YEAR_DAYS:
            findings.append(
                Finding(
                    "finding.coverage.period_short",
                    "warning",
                    {"days": days},
                    Evidence(n=n_posts),
                )
            )
        return findings

    @staticmethod
    def _channel_findings(data: ReviewData, context: ReviewContext) -> list[Finding]:
        present = {
            str(p)
            for table in (data.posts, data.daily)
            for p in table.select("platform")
            .distinct()
            .to_pyarrow()
            .column(0)
            .to_pylist()
        }
        return [
            Finding(
                "finding.coverage.channel_without_data",
                "warning",
                {
                    "platform": MessageKey(f"platform.{c.platform}"),
                    "account": c.account,
                },
            )
            for c in context.config.channels
            if c.role != "shelved" and c.platform not in present
        ]


def _registers(context: ReviewContext) -> tuple[Table, list[Finding]]:
    """What was read from each register, and a summary of what was wrong."""
    summaries = summarise(context.registers, context.today)
    table = Table(
        "coverage.registers",
        "table.coverage.registers",
        (
            Column("register", "column.coverage.register", "label"),
            Column("file", "column.file"),
            Column("rows", "column.coverage.register_rows", "integer"),
            Column("problems", "column.coverage.register_problems", "integer"),
            Column("rows_with_problems", "column.coverage.rows_with_problems",
                   "integer"),
        ),
        tuple(
            (f"register.name.{s.register}", s.file, s.rows, s.problems,
             s.rows_with_problems)
            for s in summaries
        ),
    )  # fmt: skip
    findings = []
    empty = [s.register for s in summaries if not s.rows]
    if empty:
        findings.append(
            Finding(
                "finding.coverage.registers_empty",
                "notice",
                {"registers": listed_keys(f"register.name.{r}" for r in empty)},
            )
        )
    wrong = [s for s in summaries if s.problems]
    if wrong:
        findings.append(
            Finding(
                "finding.coverage.register_problems",
                "notice",
                {
                    "problems": sum(s.problems for s in wrong),
                    "registers": listed_keys(
                        f"register.name.{s.register}" for s in wrong
                    ),
                },
                Evidence(n=sum(s.problems for s in wrong)),
            )
        )
    return table, findings


def _name(row: dict[str, object]) -> str:
    for key in ("name", "username", "account_id"):
        value = row.get(key)
        if isinstance(value, str) and value:
            return value
    return ""
