"""The Datasette plugin: review queue, review page, agreement page (docs/review-loop.md).

Who may do what is Datasette's permission system: three actions this plugin
registers, granted to actor ids in the hub's ``datasette.json``::

    "permissions": {"dr-screen-review": {"id": ["grader-a", "grader-b"]},
                    "dr-screen-adjudicate": {"id": ["dr-senior"]},
                    "dr-screen-monitor": {"id": ["programme-lead"]}}

Graders log in with passwords through datasette-auth-passwords (``/-/login``). The
plugin's settings, under ``plugins`` → ``dr-screen-review``: ``database`` (default
``hub``), ``sample_share`` (share of non-referred eyes reviewed, default 0.1) and
``models`` (the published-models folder, default ``models/`` beside the database) and
``trusted_keys`` (folders of publisher keys, besides the shipped ones).
"""
from __future__ import annotations

import asyncio
import json
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from datasette import hookimpl
from datasette.permissions import Action, PermissionSQL
from datasette.utils.asgi import Forbidden, NotFound, Response

from fundus.grades import GRADE_NAMES, grade_name
from fundus.reviews import ADJUDICATION, DISAGREEMENT, GRADE, REVIEWS, SAMPLED
from hub import agreement, reviews
from hub.bundles import HubModels
from hub.database import PHOTO_SOURCES, record_writer

PLUGIN = "dr-screen-review"
REVIEW, ADJUDICATE, MONITOR = "dr-screen-review", "dr-screen-adjudicate", "dr-screen-monitor"
PHOTO_ID = r"(?P<photo_id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
# Tables only this plugin (reviews) or the hub itself (photo_sources) may write: never Datasette's write API.
PROTECTED_TABLES = (REVIEWS, PHOTO_SOURCES)
WRITE_ACTIONS = ("insert-row", "update-row", "delete-row", "alter-table", "drop-table")
HEATMAP_CACHE = 64
PRIVATE = {"cache-control": "private, no-store"}


@dataclass(frozen=True)
class Settings:
    database: str
    sample_share: float
    models: Path | None
    trusted_keys: tuple[str, ...]


def settings(datasette) -> Settings:
    config = datasette.plugin_config(PLUGIN) or {}
    name = config.get("database", "hub")
    share = config.get("sample_share", 0.1)
    if not isinstance(share, (int, float)) or not 0 <= share <= 1:
        raise ValueError(f"{PLUGIN}: sample_share must be a number from 0 to 1, not {share!r}")
    models = config.get("models")
    if models is None and name in datasette.databases and datasette.databases[name].path:
        models = Path(datasette.databases[name].path).resolve().parent / "models"
    return Settings(name, float(share), Path(models) if models else None, tuple(config.get("trusted_keys", ())))


def _state(datasette) -> dict:
    """Per-instance objects: the hub's bundles (verified once) and recent heat maps."""
    state = getattr(datasette, "_dr_screen_review", None)
    if state is None:
        cfg = settings(datasette)
        state = {"models": HubModels(cfg.models, cfg.trusted_keys), "heatmaps": OrderedDict()}
        datasette._dr_screen_review = state
    return state


def _database(datasette):
    name = settings(datasette).database
    try:
        return datasette.get_database(name)
    except KeyError:
        raise NotFound(f"This Datasette serves no database named {name!r} (plugin setting 'database').") from None


async def _roles(datasette, actor) -> set[str]:
    if not actor:
        return set()
    allowed = await datasette.allowed_many(actions=[REVIEW, ADJUDICATE, MONITOR], actor=actor)
    return {action for action, ok in allowed.items() if ok}


async def _require(datasette, request, *actions: str) -> set[str]:
    roles = await _roles(datasette, request.actor)
    if not request.actor:
        raise _LoginFirst()
    if not roles & set(actions):
        raise Forbidden("Your account may not use the review pages; ask the programme's administrator.")
    return roles


class _LoginFirst(Exception):
    pass


def _login_redirect(datasette) -> Response:
    return Response.redirect(datasette.urls.path("/-/login"))


# ---------------------------------------------------------------- hooks


@hookimpl
def register_actions(datasette):
    return [
        Action(name=REVIEW, abbr=None, description="Grade screened eyes in the dr-screen review queue"),
        Action(name=ADJUDICATE, abbr=None, description="Adjudicate graders' disagreements (senior grader)"),
        Action(name=MONITOR, abbr=None, description="See the dr-screen model-grader agreement report"),
    ]


@hookimpl
def permission_resources_sql(datasette, actor, action):
    """Nobody writes the review tables through Datasette's API (a laptop's token could otherwise)."""
    if action not in WRITE_ACTIONS:
        return None
    selects = " UNION ALL ".join(f"SELECT :drs_db AS parent, :drs_t{i} AS child, 0 AS allow, "
                                 f":drs_reason AS reason" for i in range(len(PROTECTED_TABLES)))
    return PermissionSQL(sql=selects, params={
        "drs_db": settings(datasette).database, "drs_reason": f"{PLUGIN}: written only by the review pages",
        **{f"drs_t{i}": table for i, table in enumerate(PROTECTED_TABLES)}})


@hookimpl
def write_wrapper(datasette, database, request, transaction):
    """Remember which laptop (the actor of the push's token) sent each photo: the report per laptop."""
    actor = getattr(request, "actor", None) if request is not None else None
    if database != settings(datasette).database or not (actor and actor.get("id")):
        return None

    def wrapper(conn):
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"photos", PHOTO_SOURCES} <= tables:
            yield
            return
        record_writer(conn, actor["id"])
        try:
            yield
        finally:
            record_writer(conn, None)

    return wrapper


@hookimpl
def startup(datasette):
    async def create_tables():
        if settings(datasette).database in datasette.databases:
            await _database(datasette).execute_write_fn(reviews.setup)

    return create_tables


@hookimpl
def register_routes():
    return [
        (r"^/-/review$", queue_page),
        (rf"^/-/review/eye/{PHOTO_ID}$", eye_page),
        (rf"^/-/review/photo/{PHOTO_ID}\.jpg$", photo_file),
        (rf"^/-/review/heatmap/{PHOTO_ID}\.png$", heatmap_file),
        (r"^/-/review/agreement$", agreement_page),
        (r"^/-/review/agreement\.json$", agreement_json),
    ]


@hookimpl
def menu_links(datasette, actor):
    async def links():
        roles = await _roles(datasette, actor)
        found = []
        if roles & {REVIEW, ADJUDICATE}:
            found.append({"href": datasette.urls.path("/-/review"), "label": "Review queue"})
        if roles:
            found.append({"href": datasette.urls.path("/-/review/agreement"), "label": "Model agreement"})
        return found

    return links


@hookimpl
def forbidden(datasette, request, message):
    """A grader who lands on the home page (where datasette-auth-passwords sends them) goes to the queue."""
    if request.path != datasette.urls.path("/") or not request.actor:
        return None  # Datasette's own 403 page

    async def inner():
        roles = await _roles(datasette, request.actor)
        if not roles:
            from datasette.forbidden import forbidden as default_forbidden
            return await default_forbidden(datasette, request, message)()
        return Response.redirect(datasette.urls.path("/-/review" if roles & {REVIEW, ADJUDICATE}
                                                      else "/-/review/agreement"))

    return inner


# ---------------------------------------------------------------- pages


def _logged_in(view):
    async def inner(request, datasette):
        try:
            return await view(request, datasette)
        except _LoginFirst:
            return _login_redirect(datasette)
    inner.__name__ = view.__name__
    return inner


@_logged_in
async def queue_page(request, datasette):
    roles = await _require(datasette, request, REVIEW, ADJUDICATE)
    cfg, me = settings(datasette), request.actor["id"]
    camp = request.args.get("camp") or None
    eyes, camps = await _database(datasette).execute_fn(lambda conn: (reviews.queue(conn, cfg.sample_share, camp),
                                                                      reviews.camps(conn)))
    waiting = [e for e in eyes if REVIEW in roles and e.waits_for(me)]
    disputed = [e for e in eyes if ADJUDICATE in roles and e.reference.status == DISAGREEMENT]
    counts = {"queued": len(eyes), "resolved": sum(e.reference.resolved for e in eyes),
              "disagreements": sum(e.reference.status == DISAGREEMENT for e in eyes),
              "sampled": sum(e.reason == SAMPLED for e in eyes)}
    return Response.html(await datasette.render_template("review_queue.html", {
        "waiting": waiting, "disputed": disputed, "counts": counts, "camps": camps, "camp": camp,
        "share": cfg.sample_share, "saved": request.args.get("saved"), "describe": _describe,
    }, request=request), headers=PRIVATE)


@_logged_in
async def eye_page(request, datasette):
    roles = await _require(datasette, request, REVIEW, ADJUDICATE)
    cfg, me = settings(datasette), request.actor["id"]
    photo_id = request.url_vars["photo_id"]
    database = _database(datasette)
    error = None
    if request.method == "POST":
        form = await request.post_vars()
        kind = form.get("kind", GRADE)
        if (kind == GRADE and REVIEW not in roles) or (kind == ADJUDICATION and ADJUDICATE not in roles):
            raise Forbidden("Your account may not record this kind of review.")
        try:
            grade = _parse_grade(form.get("grade"))
            await database.execute_write_fn(
                lambda conn: reviews.add_review(conn, photo_id, me, kind, grade, form.get("note", ""),
                                           share=cfg.sample_share))
        except reviews.ReviewError as e:
            error = str(e)
        else:
            return Response.redirect(await _next_page(datasette, me, roles, photo_id))
    target = await database.execute_fn(lambda conn: reviews.eye(conn, photo_id, cfg.sample_share))
    if target is None:
        raise NotFound("This eye is not in the review queue.")
    models = _state(datasette)["models"]
    bundle = await asyncio.to_thread(models.bundle, target.row["model_sha256"] or "")
    heatmap_note = None
    if not target.row["gradable"]:
        heatmap_note = "No heat map: the model found this photo ungradable."
    elif isinstance(bundle, str):
        heatmap_note = f"No heat map: {bundle}."
    own = target.read_by(me)
    # Reads stay independent: a grader sees the other grader's read only as a senior, or after their own.
    visible = target.reviews if ADJUDICATE in roles else [r for r in target.reviews if r["grader"] == me]
    probabilities = json.loads(target.row["probabilities"]) if target.row["probabilities"] else None
    return Response.html(await datasette.render_template("review_eye.html", {
        "eye": target, "reference": target.reference, "reviews": visible, "own": own,
        "can_read": REVIEW in roles and target.waits_for(me),
        "can_adjudicate": ADJUDICATE in roles and bool(target.reads),
        "heatmap_note": heatmap_note, "probabilities": probabilities, "grade_names": GRADE_NAMES,
        "error": error, "describe": _describe, "verdict": _verdict_label,
    }, request=request), status=400 if error else 200, headers=PRIVATE)


async def _next_page(datasette, me: str, roles: set[str], done: str) -> str:
    share = settings(datasette).sample_share
    eyes = await _database(datasette).execute_fn(lambda conn: reviews.queue(conn, share))
    following = next((e for e in eyes if REVIEW in roles and e.waits_for(me)), None)
    if following is None and ADJUDICATE in roles:
        following = next((e for e in eyes if e.reference.status == DISAGREEMENT), None)
    if following is None:
        return datasette.urls.path(f"/-/review?saved={done}")
    return datasette.urls.path(f"/-/review/eye/{following.photo_id}")


@_logged_in
async def photo_file(request, datasette):
    await _require(datasette, request, REVIEW, ADJUDICATE)
    photo_id = request.url_vars["photo_id"]
    jpeg = await _database(datasette).execute_fn(lambda conn: reviews.photo_jpeg(conn, photo_id))
    if jpeg is None:
        raise NotFound("The hub has no photo file for this eye.")
    return Response(jpeg, content_type="image/jpeg", headers=PRIVATE)


@_logged_in
async def heatmap_file(request, datasette):
    await _require(datasette, request, REVIEW, ADJUDICATE)
    cfg, photo_id = settings(datasette), request.url_vars["photo_id"]
    database = _database(datasette)
    target = await database.execute_fn(lambda conn: reviews.eye(conn, photo_id, cfg.sample_share))
    jpeg = await database.execute_fn(lambda conn: reviews.photo_jpeg(conn, photo_id))
    if target is None or jpeg is None:
        raise NotFound("This eye is not in the review queue.")
    state = _state(datasette)
    key = (target.row["model_sha256"], target.row["sha256"])
    png = state["heatmaps"].get(key)
    if png is None:
        png = await asyncio.to_thread(state["models"].overlay, target.row["model_sha256"] or "", jpeg)
        if isinstance(png, str):
            return Response.text(png, status=404, headers=PRIVATE)
        state["heatmaps"][key] = png
        while len(state["heatmaps"]) > HEATMAP_CACHE:
            state["heatmaps"].popitem(last=False)
    return Response(png, content_type="image/png", headers=PRIVATE)


async def _agreement(datasette):
    models = _state(datasette)["models"]
    return await _database(datasette).execute_fn(lambda conn: agreement.report(conn, models))


@_logged_in
async def agreement_page(request, datasette):
    await _require(datasette, request, REVIEW, ADJUDICATE, MONITOR)
    reports = await _agreement(datasette)
    return Response.html(await datasette.render_template("review_agreement.html", {
        "reports": reports, "flagged": agreement.FLAGGED, "pct": agreement._pct, "with_ci": agreement._with_ci,
    }, request=request), headers=PRIVATE)


@_logged_in
async def agreement_json(request, datasette):
    await _require(datasette, request, REVIEW, ADJUDICATE, MONITOR)
    return Response.json(agreement.as_json(await _agreement(datasette)), headers=PRIVATE)


# ---------------------------------------------------------------- helpers


def _parse_grade(value) -> int | None:
    if value == "ungradable":
        return None
    try:
        grade = int(value)
    except (TypeError, ValueError):
        raise reviews.ReviewError("Choose a grade (0 to 4) or ungradable.") from None
    if not 0 <= grade < len(GRADE_NAMES):
        raise reviews.ReviewError("Choose a grade (0 to 4) or ungradable.")
    return grade


def _verdict_label(review: dict) -> str:
    return grade_name(None) if not review["gradable"] else f"{review['grade']} {grade_name(review['grade'])}"


def _describe(eye: reviews.Eye) -> str:
    """The model's call on an eye, in the queue's words."""
    row = eye.row
    if not row["gradable"]:
        return "Ungradable"
    return f"{row['grade']} {grade_name(row['grade'])}" + (" (refer)" if row["referable"] else "")
