"""The demo's story: a fictional Labour deputy leadership race told over about two minutes.

Every person, seat and outlet here is made up. The texts are written in the style of UK political
news so that the watcher's extractor reads them as it would read the real thing: a declaration,
an MP ruling herself out and backing a colleague on her own feed, news reports of it,
endorsements, a withdrawal, an MP switching to the last candidate standing, and a resignation,
with plain statements in between. The desk follows the race as a contest (see `CONTEST`).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Cast:
    """A fictional MP, written into the demo's config with party and seat."""

    name: str
    party: str
    constituency: str
    handle: str  # of the Bluesky-style feed, for those who have one

    @property
    def feed_path(self) -> str:
        return f"/profile/{self.handle}/rss"


@dataclass(frozen=True)
class Outlet:
    """A feed on the demo site: a news outlet's, or an MP's own posts."""

    slug: str
    title: str
    mp: Cast | None = None  # whose own feed it is; None for a news outlet

    @property
    def feed_path(self) -> str:
        return self.mp.feed_path if self.mp else f"/{self.slug}/feed.xml"

    def item_path(self, post: Post) -> str:
        if self.mp:
            return f"/profile/{self.mp.handle}/post/{post.slug}"
        return f"/{self.slug}/news/{post.slug}"


@dataclass(frozen=True)
class Post:
    """One item of the story: it appears in its outlet's feed `at` seconds into the replay.

    `summary` is what the feed carries; `body` is the article's paragraphs, fetched from its own
    page (news), or empty when the summary is the whole post (an MP's feed).
    """

    outlet: str
    at: float
    slug: str
    title: str
    summary: str
    body: tuple[str, ...] = ()
    byline: str | None = None


@dataclass(frozen=True)
class Story:
    cast: tuple[Cast, ...]
    outlets: tuple[Outlet, ...]
    posts: tuple[Post, ...]

    def outlet(self, slug: str) -> Outlet:
        return next(o for o in self.outlets if o.slug == slug)

    @property
    def length(self) -> float:
        """Seconds from the start to the last post, at normal speed."""
        return max(post.at for post in self.posts)

    @property
    def shortest_gap(self) -> float:
        """The fewest seconds between two posts, at normal speed."""
        times = sorted({post.at for post in self.posts})
        return min((b - a for a, b in pairwise(times)), default=self.length)


CARROW = Cast("Helen Carrow", "Labour", "Kingsmoor", "helencarrow.bsky.social")
OKAFOR = Cast("Daniel Okafor", "Labour", "Eastbridge", "danielokafor.bsky.social")
WHITLOCK = Cast("Sarah Whitlock", "Labour", "Dunmere and Fold", "sarahwhitlock.bsky.social")
HADLEY = Cast("Tom Hadley", "Labour", "Northfleet Vale", "tomhadley.bsky.social")
ELLERY = Cast("Mark Ellery", "Labour", "Harrowgate Vale", "markellery.bsky.social")

OUTLETS = (
    Outlet("helen-carrow", "@helencarrow.bsky.social - Helen Carrow", CARROW),
    Outlet("daniel-okafor", "@danielokafor.bsky.social - Daniel Okafor", OKAFOR),
    Outlet("courier", "The Westminster Courier: Politics"),
    Outlet("northern-post", "Northern Post: Politics"),
    Outlet("red-rose", "Red Rose Review"),
)

POSTS = (
    Post(
        outlet="courier",
        at=0,
        slug="deputy-leadership-nominations-open",
        title="Nominations open in Labour's deputy leadership race",
        summary="Two MPs have declared, and all eyes are on Helen Carrow.",
        byline="Political staff",
        body=(
            "Nominations opened today in the race to become Labour's deputy leader, with two "
            "candidates already declared and a third widely expected to join them.",
            "Daniel Okafor, the MP for Eastbridge, launched his campaign at a community centre in "
            "his constituency. \u201cI am standing to be Labour's deputy leader because members "
            "deserve a deputy who speaks for them,\u201d Mr Okafor said.",
            "Sarah Whitlock, the MP for Dunmere and Fold, confirmed her candidacy for deputy "
            "leader in a letter to members, promising to rebuild the party's organisation in the "
            "towns.",
            "Allies of Helen Carrow, the MP for Kingsmoor, say she is weighing a bid and will "
            "decide within days.",
            "Candidates need the support of three MPs to reach the ballot.",
        ),
    ),
    Post(
        outlet="daniel-okafor",
        at=10,
        slug="3kx7demo0001",
        title="",
        summary=(
            "Great to be at Eastbridge Community Hospital this morning. The nurses there are "
            "doing extraordinary work, and every conversation came back to the same thing: "
            "waiting lists."
        ),
    ),
    Post(
        outlet="helen-carrow",
        at=20,
        slug="3kx7demo0002",
        title="",
        summary=(
            "I won't be standing for deputy leader. It has been a hard decision, and I'm "
            "grateful to everyone who urged me to run. I'll be backing Daniel Okafor: he has "
            "the energy and the ideas our party needs, and he will be a deputy who listens."
        ),
    ),
    Post(
        outlet="courier",
        at=35,
        slug="carrow-rules-herself-out",
        title="Helen Carrow rules herself out of deputy leadership race",
        summary="The Kingsmoor MP says she will back Daniel Okafor instead.",
        byline="Political staff",
        body=(
            "Helen Carrow has ruled herself out of the race to become Labour's deputy leader, "
            "ending days of speculation.",
            "In a post on Bluesky, the MP for Kingsmoor wrote: \u201cI won't "
            "be standing for deputy leader. It has been a hard decision.\u201d",
            "Ms Carrow, who had been seen as a strong contender, said she would be backing "
            "Daniel Okafor.",
            "Her decision leaves Mr Okafor and Sarah Whitlock as the only declared candidates.",
        ),
    ),
    Post(
        outlet="northern-post",
        at=42,
        slug="ellery-backs-whitlock",
        title="Whitlock wins the backing of Harrowgate Vale MP",
        summary="Mark Ellery says Sarah Whitlock has what the job needs.",
        byline="Our political correspondent",
        body=(
            "Sarah Whitlock's campaign for Labour's deputy leadership won its first public "
            "endorsement from a colleague.",
            "Mark Ellery, the MP for Harrowgate Vale, said he was backing Sarah Whitlock. "
            "\u201cSarah has the grit this job needs,\u201d Mr Ellery said.",
        ),
    ),
    Post(
        outlet="northern-post",
        at=50,
        slug="hadley-backs-okafor",
        title="Carrow's exit boosts Okafor as MPs line up behind him",
        summary="Northfleet Vale MP Tom Hadley is the latest to back the Eastbridge MP.",
        byline="Our political correspondent",
        body=(
            "Daniel Okafor's bid to become Labour's deputy leader gathered pace after Helen "
            "Carrow stepped back from the contest.",
            "Tom Hadley, the MP for Northfleet Vale, said: \u201cI'm backing Daniel Okafor "
            "because he knows what our towns need, and I will be making the case for him to "
            "colleagues this week.\u201d",
            "His campaign team says more nominations are on the way.",
        ),
    ),
    Post(
        outlet="daniel-okafor",
        at=65,
        slug="3kx7demo0003",
        title="",
        summary=(
            "Thank you Helen, and thank you Tom. Helen has been a friend and a brilliant "
            "campaigner for Kingsmoor, and I am proud to have her support. Onwards."
        ),
    ),
    Post(
        outlet="red-rose",
        at=85,
        slug="whitlock-withdraws",
        title="Whitlock withdraws from deputy leadership contest",
        summary="The Dunmere and Fold MP says the party needs a contest that unites it.",
        byline="Red Rose Review",
        body=(
            "Sarah Whitlock has withdrawn from the contest to become Labour's deputy leader, "
            "only days after confirming her candidacy.",
            "In a statement, Ms Whitlock said: \u201cI am withdrawing from the "
            "deputy leadership contest. I will keep making the case for our towns from the "
            "back benches.\u201d",
            "She did not say whom she would support.",
        ),
    ),
    Post(
        outlet="courier",
        at=95,
        slug="ellery-switches-to-okafor",
        title="Whitlock's backers look to Okafor",
        summary="The Harrowgate Vale MP moves his support to the Eastbridge MP.",
        byline="Political staff",
        body=(
            "Sarah Whitlock's exit from the deputy leadership race has left her supporters "
            "looking for a new candidate.",
            "Mark Ellery, who had backed Ms Whitlock, said: \u201cI will now be backing Daniel "
            "Okafor. He can unite the party.\u201d",
        ),
    ),
    Post(
        outlet="northern-post",
        at=105,
        slug="hadley-quits-to-run-campaign",
        title="Hadley quits government role to run Okafor campaign",
        summary="The Northfleet Vale MP leaves his post as a parliamentary aide.",
        byline="Our political correspondent",
        body=(
            "Tom Hadley has stepped down as a parliamentary aide to chair Daniel Okafor's "
            "campaign for the deputy leadership.",
            "\u201cI have resigned as parliamentary private secretary at the Department for "
            "Transport so that I can give this campaign everything,\u201d Mr Hadley said.",
            "Mr Okafor is now the only candidate in the race.",
        ),
    ),
)

STORY = Story(cast=(CARROW, OKAFOR, WHITLOCK, HADLEY, ELLERY), outlets=OUTLETS, posts=POSTS)


@dataclass(frozen=True)
class ContestPlan:
    """The contest the demo's config declares: the race the story tells."""

    name: str = "Labour deputy leadership"
    party: str = "Labour"
    post: str = "deputy leader"
    threshold: int = 3


CONTEST = ContestPlan()
