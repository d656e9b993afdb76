"""A site of guides plus hundreds of thousands of generated salary pages, for measuring
builds at half a million pages (issue 17).

    python3 scripts/salary_pages_corpus.py CORPUS OUT ROLES AREAS

copies CORPUS (a site from ../shared/bench/gen_corpus.py) to OUT and adds ROLES role
profiles, each naming an occupation code, and a `simple` wage dataset with a row for every
role in each of AREAS areas, with `salary_pages = "other"`: the build then makes one
salary page per role and area, ROLES x AREAS pages. The figures are invented and seeded."""

import os
import random
import shutil
import sys


def code(r):
    return f"{11 + r // 9000}-{1000 + r % 9000}"


def main(src, dst, roles, areas):
    if not os.path.exists(dst):
        shutil.copytree(src, dst)
    os.makedirs(f"{dst}/content/roles", exist_ok=True)
    os.makedirs(f"{dst}/data", exist_ok=True)
    for r in range(roles):
        with open(f"{dst}/content/roles/salary-role-{r:04d}.md", "w") as f:
            f.write(
                f'---\ntitle: "Salary Role {r:04d}"\n'
                f'summary: "A role with pay figures by area."\nsoc: "{code(r)}"\n---\n'
                "What this role does, and what it pays by area.\n"
            )
    rng = random.Random(7)
    with open(f"{dst}/data/wages.csv", "w") as f:
        f.write("occupation,occupation_title,area,currency,p10,p25,median,p75,p90,employment\n")
        for r in range(roles):
            for a in range(areas):
                m = rng.randrange(40000, 160000)
                p = [m * 6 // 10, m * 8 // 10, m, m * 12 // 10, m * 15 // 10]
                f.write(
                    f"{code(r)},Occupation {r},Area {a:04d},USD,"
                    f"{','.join(map(str, p))},{rng.randrange(100, 90000)}\n"
                )
    with open(f"{src}/site.toml") as f:
        toml = f.read()
    toml = (
        'salary_pages = "other"\n' + toml + "\n[[salary_data]]\n"
        'file = "data/wages.csv"\nformat = "simple"\n'
        'source = "Invented benchmark figures"\nperiod = "2024"\n'
    )
    with open(f"{dst}/site.toml", "w") as f:
        f.write(toml)


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
