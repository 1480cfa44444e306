#!/usr/bin/env python3
"""Writes data/samples/: a small dump of articles the newsframe project wrote itself (all
people, places and events in them are invented or generic). Run from the repo root."""
import gzip
import json
import os

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "samples")

WIRE = [
    {
        "id": "nf-0001", "source": "Harbor Daily", "url": "https://example.org/news/missile-launch",
        "published": "2026-10-03T08:15:00+09:00", "title": "North Korea fires missile into sea, Seoul says",
        "text": "SEOUL, Oct. 3 (Yonhap) -- North Korea fired a short-range ballistic missile into the East Sea on Friday, South Korea's military said.\n\n"
                "The Joint Chiefs of Staff said the missile flew about 450 kilometers before falling into the sea.\n\n"
                "\u201cWe are closely monitoring the situation in coordination with our allies,\u201d said Colonel Park Min-jae, a spokesman for the Joint Chiefs of Staff.\n\n"
                "A senior government official who spoke on condition of anonymity said the launch appeared to test a new solid-fuel engine.\n\n"
                "The launch came days after Pyongyang criticized joint military drills. (Yonhap)",
    },
    {
        "id": "nf-0002", "source": "Capital Wire", "url": "https://example.org/news/senate-budget",
        "published": "2026-09-29 17:40:00", "title": "Senate passes stopgap budget",
        "text": "WASHINGTON (AP) \u2014 The Senate passed a stopgap budget late Monday, averting a government shutdown by a margin of 62 to 38.\n\n"
                "\"This is not the budget anyone wanted, but it keeps the lights on,\" Senator Laura Whitfield said after the vote.\n\n"
                "Whitfield, a Democrat from Oregon, had pushed for more money for wildfire prevention. She said the bill left those programs underfunded.\n\n"
                "\"We will be back here in December,\" she said, \"and the same fight will be waiting for us.\"\n\n"
                "Associated Press writer Tom Baxter contributed to this report.",
    },
    {
        "id": "nf-0003", "source": "Capital Wire", "url": "https://example.org/news/state-dept-briefing",
        "published": "2026-09-30", "title": "State Department warns on travel",
        "text": "State Department spokesman John Kirby said on Tuesday that the agency would update its travel advisories within a week.\n\n"
                "\u201cThe safety of American citizens abroad is our first responsibility,\u201d Kirby told reporters. \u201cWe will not hesitate to act.\u201d\n\n"
                "According to the department, more than 40,000 Americans have registered with embassies in the region.\n\n"
                "Officials said the update would cover eleven countries.",
    },
    {
        "id": "nf-0004", "source": "Northern Ledger", "url": "https://example.org/biz/factory-closure",
        "published": "Tue, 22 Sep 2026 09:00:00 +0000", "title": "Textile plant to close, 300 jobs lost",
        "text": "LONDON (Reuters) - A textile plant in the north of England will close next spring, its owner said on Tuesday, putting 300 jobs at risk.\n\n"
                "Brightloom Textiles Ltd said in a statement that rising energy costs had made the site unprofitable.\n\n"
                "\"We have tried everything to keep this plant open,\" said chief executive Helen Marsh. \"Energy prices have simply moved beyond what we can absorb.\n\n"
                "\"We owe our workers the truth, and the truth is that this site cannot survive another winter.\"\n\n"
                "A union representative who declined to be named said workers had been told only hours before the announcement.\n\n"
                "(Reporting by Sam Okafor; Editing by Priya Nair)",
    },
    {
        "id": "nf-0005", "source": "Harbor Daily", "url": "https://example.org/city/transit-fares",
        "published": "2026-08-14T10:30:00Z", "title": "Transit fares to rise in January",
        "text": "Bus and tram fares will rise by 8 percent in January, the city's transit authority announced on Thursday.\n\n"
                "Mayor Daniel Ortiz defended the increase. \"Nobody likes paying more, but the alternative is cutting routes that people depend on,\" he said.\n\n"
                "Critics called the plan a \"stealth tax\" on commuters.\n\n"
                "Rosa Delgado, who chairs the riders' association, said the city had broken a promise to freeze fares until 2027.\n\n"
                "\"They told us one thing in the spring and another thing now,\" Delgado said.",
    },
    {
        "id": "nf-0006", "source": "Harbor Daily", "url": "https://example.org/city/transit-fares-repost",
        "published": "2026-08-14T11:00:00Z", "title": "Transit fares to rise in January (updated)",
        "text": "Bus and tram fares will rise by 8 percent in January, the city's transit authority announced on Thursday.\n\n"
                "Mayor Daniel Ortiz defended the increase. \"Nobody likes paying more, but the alternative is cutting routes that people depend on,\" he said.\n\n"
                "Bus and tram fares will rise by 8 percent in January, the city's transit authority announced on Thursday.\n\n"
                "Mayor Daniel Ortiz defended the increase. \"Nobody likes paying more, but the alternative is cutting routes that people depend on,\" he said.",
    },
    {
        "id": "nf-0007", "source": "Science Desk", "url": "https://example.org/science/coral",
        "published": "2026-07-02", "title": "Coral reefs recover faster than expected",
        "text": "By Amelia Grant\n\n"
                "Coral reefs off the coast of Queensland are recovering faster than scientists expected, a new study has found.\n\n"
                "The report found that coral cover rose by a third in two years on the reefs that were surveyed.\n\n"
                "\u201cIt is a rare piece of good news, and we should enjoy it while it lasts,\u201d said Dr. Kofi Mensah, a marine biologist at the University of Brisbane who led the survey.\n\n"
                "Mensah warned that another heat wave could undo the gains within a single summer.\n\n"
                "The team plans to return to the reefs in March.",
    },
    {
        "id": "nf-0008", "source": "Capital Wire", "url": "https://example.org/news/trade-talks",
        "published": "2026-06-11T14:00:00+02:00", "title": "Trade talks stall over farm subsidies",
        "text": "BRUSSELS (AFP) - Trade talks between the European Union and Mercosur stalled on Wednesday over farm subsidies, diplomats said.\n\n"
                "\"There is no deal on the table tonight,\" a European diplomat familiar with the talks said. \"But nobody has walked away either.\"\n\n"
                "The so-called \"Track 2\" discussions, held in private, are due to resume next week.\n\n"
                "People familiar with the matter said France and Ireland had pressed for tighter limits on beef imports.",
    },
    {
        "id": "nf-0009", "source": "Northern Ledger", "url": "https://example.org/sport/final",
        "published": "2026-05-30 21:45:00", "title": "Rovers win the cup in extra time",
        "text": "Rovers won the cup in extra time on Saturday, beating United 2-1 in front of 60,000 fans.\n\n"
                "'I have waited twenty years for a night like this,' said captain Owen Hughes, who scored the winning goal.\n\n"
                "Coach Maria Santos praised her players. \u201cThey never stopped believing, not even when we were a goal down,\u201d she said.\n\n"
                "United manager Peter Lang said his team had been unlucky. \"We hit the post twice,\" Lang said. \"On another night, that goes in.\"",
    },
    {
        "id": "nf-0010", "source": "Science Desk", "url": "https://example.org/health/clinic",
        "published": "None", "title": "Rural clinic struggles to keep doctors",
        "text": "Hugh Hill, a doctor at the only clinic in the valley, said he sees more than forty patients on a busy day.\n\n"
                "\u201cWe are stretched to the limit,\u201d Hill said. \u201cIf one of us gets sick, the whole clinic stops.\u201d\n\n"
                "The regional health ministry said it would fund two more positions next year.\n\n"
                "Residents say the wait for an appointment can stretch to three weeks.",
    },
    {
        "id": "nf-0013", "source": "Capital Wire", "url": "https://example.org/news/stockholm-talks",
        "published": "2026-10-09T16:20:00Z", "title": "U.S. confirms informal contacts with North Korean envoys",
        "text": (lambda body: body + "\n\n" + body)(
                "WASHINGTON, Oct. 9 (Yonhap) -- The State Department said on Thursday that it had held what it called \"private\" meetings with North Korean envoys in Stockholm last weekend.\n\n"
                "State Department spokesman John Kirby said the meetings were \"unofficial\" and did not signal any change in policy toward Pyongyang.\n\n"
                "\u201cThese were exploratory conversations, nothing more,\u201d Kirby told reporters at the daily briefing.\n\n"
                "\"We have always said that we are open to dialogue,\" he said. \"But dialogue has to be serious and it has to be verifiable.\"\n\n"
                "The so-called \"Track 2\" meetings brought together former officials and academics from both countries.\n\n"
                "\"Nobody should read too much into a single weekend in Sweden,\" Kirby added."),
    },
]

FEATURES = [
    {
        "id": "nf-0011", "maintext": "TOKYO, May 2 (Kyodo) -- Japan's central bank kept interest rates unchanged on Thursday, as widely expected.\n\n"
                "Governor Akira Tanaka said the bank would watch wage growth closely before acting. \"We need to see wages rising on a sustained basis,\" Tanaka told a news conference.\n\n"
                "Economists said a rise in July remained possible.",
        "text": None, "date_publish": "2026-05-02 15:30:00", "source_domain": "www.example.jp",
        "title": "Bank of Japan holds rates", "authors": ["Kenji Sato"], "url": "https://www.example.jp/boj",
    },
    {
        "id": "nf-0012", "maintext": "Volunteers planted 5,000 trees along the river on Sunday, the largest planting in the town's history.\n\n"
                "\u201cMy grandmother planted the old oaks here, so this feels like finishing her work,\u201d said Grace Whitaker, 34, who organized the day.\n\n"
                "She said the group hoped to plant another 5,000 next year. \u201cWe have the volunteers,\u201d she added. \u201cWhat we need now is more land.\u201d",
        "text": None, "date_publish": "2026-04-19 09:00:00", "source_domain": "www.example-town.org",
        "title": "Volunteers plant 5,000 trees", "authors": [], "url": "https://www.example-town.org/trees",
    },
]

TXT = ("Council approves new library\n\n"
       "The town council voted 7 to 2 on Monday night to build a new public library on the site of the old bus depot.\n\n"
       "\"A library is the one place in town where everyone is welcome and nobody has to buy anything,\" said councillor Ruth Adeyemi, who proposed the plan.\n\n"
       "Councillor Mark Bell voted against it. He said the town could not afford the $12 million project while roads needed repair.\n\n"
       "Construction is expected to start next year.\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "wire_and_politics.jsonl"), "w", encoding="utf-8") as f:
        for a in WIRE:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    with gzip.open(os.path.join(OUT, "features.jsonl.gz"), "wt", encoding="utf-8") as f:
        for a in FEATURES:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    with open(os.path.join(OUT, "local_council.txt"), "w", encoding="utf-8") as f:
        f.write(TXT)


if __name__ == "__main__":
    main()
