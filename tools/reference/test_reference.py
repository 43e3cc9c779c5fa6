"""Tests of the reference model on tiny scenarios whose optimum is derived by hand.

Run: python3 -m pytest tools/reference -q
"""
import json
import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).parent))
import ntm_reference as R  # noqa: E402

COMMUNE_HEAD = "code,name,district,population,especially_difficult,border,status,criteria_met,cash,labour_days"
WORK_HEAD = "id,commune,category,cost,benefit,required,community_buildable,divisible"
# O: an "other" commune (weight base = 1); P: a priority commune (border), also weight 1 by default
COMMUNES = ["O,Xã Ô,Huyện A,1000,0,0,none,10,0,0", "P,Xã Pê,Huyện A,1000,0,1,none,10,0,0"]


def central(budget, **kw):
    return {"id": "central", "kind": "central", "scope": "pooled", "budget": budget, **kw}


def scenario(tmp_path, works, sources, communes=COMMUNES, rules=None, weights=None, **extra):
    (tmp_path / "communes.csv").write_text("\n".join([COMMUNE_HEAD, *communes]) + "\n", encoding="utf-8")
    (tmp_path / "works.csv").write_text("\n".join([WORK_HEAD, *works]) + "\n", encoding="utf-8")
    doc = {"name": "t", "communes": "communes.csv", "works": "works.csv", "sources": sources,
           "rules": rules or {}, "weights": weights or {}, **extra}
    path = tmp_path / "scenario.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def solve(path, **kw):
    return R.run(path, **kw)


def test_budget_below_need(tmp_path):
    # a: v/K = 300/100 = 3, b: v/K = 200/200 = 1. Budget 150 < need 300:
    # a fully (100 -> 300) + 50 of b (50) = 350; an extra million goes to b: dual 1.
    p = scenario(tmp_path, ["a,O,transport,100,300,0,0,1", "b,O,school,200,,0,0,1"], [central(150)])
    out = solve(p)
    assert out["status"] == "optimal"
    assert out["objective"] == pytest.approx(350, rel=1e-9)
    assert out["budget_duals"]["central"] == pytest.approx(1.0)
    assert out["total_need"] == 300 and out["total_funded"] == pytest.approx(150)
    # 2 x-columns + 2 y-columns; 2 coverage rows + 1 budget row; nnz 2*2 + 2
    assert (out["columns"], out["rows"], out["nonzeros"]) == (4, 3, 6)
    # budget 80 (via --set) < cost of a: 80 * 3 = 240, dual 3
    out = solve(p, sets=["sources.central.budget=80"])
    assert out["objective"] == pytest.approx(240) and out["budget_duals"]["central"] == pytest.approx(3.0)


def test_max_share_and_source_cost(tmp_path):
    # one work K=100, v=100. central may cover at most 50 % of it; credit costs 0.2 per million.
    # y=1: central 50 + credit 50 -> 100 - 0.2*50 = 90. (Without credit nothing could be funded.)
    p = scenario(tmp_path, ["a,O,transport,100,,0,0,1"],
                 [central(1000, max_share=0.5),
                  {"id": "credit", "kind": "credit", "scope": "pooled", "budget": 1000, "cost": 0.2}])
    assert solve(p)["objective"] == pytest.approx(90)
    assert solve(p, sets=["sources.credit.budget=0"])["objective"] == pytest.approx(0, abs=1e-9)


def test_labour_only_for_community_buildable(tmp_path):
    # labour capacity in O = 100 days * 0.5 = 50. w1 (buildable, K=40, v=40) is funded in full;
    # w2 (not buildable, v=200) has no eligible pair at all. Objective 40.
    communes = ["O,Xã Ô,Huyện A,1000,0,0,none,10,0,100"]
    p = scenario(tmp_path, ["w1,O,transport,40,,0,1,1", "w2,O,transport,100,200,0,0,1"],
                 [{"id": "lab", "kind": "labour", "scope": "local", "capacity_column": "labour_days",
                   "unit_value": 0.5}], communes=communes)
    out = solve(p)
    assert out["objective"] == pytest.approx(40)
    assert out["columns"] == 3            # one pair (lab, w1) + two y
    assert out["budget_duals"] == {}      # no pooled source


def test_state_share_and_community_cash(tmp_path):
    # other commune, max_state_share 0.5: state <= 0.5 F, so F <= 2 * people cash (30) = 60. Objective 60.
    communes = ["O,Xã Ô,Huyện A,1000,0,0,none,10,30,0"]
    p = scenario(tmp_path, ["a,O,transport,100,,0,0,1"],
                 [central(1000), {"id": "people", "kind": "people", "scope": "local", "capacity_column": "cash"}],
                 communes=communes, rules={"max_state_share": {"other": 0.5}})
    assert solve(p)["objective"] == pytest.approx(60)
    # min_community_share 0.4 on top (one number for both groups): at F = 60 people = 30 = 0.5 F >= 0.4 F,
    # so the state cap still binds: 60.
    assert solve(p, sets=["rules.min_community_share=0.4"])["objective"] == pytest.approx(60)
    # with min_community_share 0.6 the community rule binds: F <= 30 / 0.6 = 50
    assert solve(p, sets=["rules.min_community_share.other=0.6"])["objective"] == pytest.approx(50)


def test_commune_floor(tmp_path):
    # P is priority and ĐBKK-free; weights give border +1, so w_P = 2: v_p = 200, v_o = 100 (K = 100 each).
    # Budget 100. No floor: all to p -> 200. Floor 0.3: o gets 30, p 70 -> 140 + 30 = 170.
    # Floor 0.6 needs 120 > 100: infeasible.
    p = scenario(tmp_path, ["p,P,transport,100,,0,0,1", "o,O,transport,100,,0,0,1"], [central(100)],
                 weights={"border": 1})
    assert solve(p)["objective"] == pytest.approx(200)
    assert solve(p, sets=["rules.commune_floor=0.3"])["objective"] == pytest.approx(170)
    assert solve(p, sets=["rules.commune_floor=0.6"])["status"] == "infeasible"


def test_priority_share(tmp_path):
    # p (priority) v/K 1, o (other) v/K 3, budget 100, g = 0.6: o <= 0.4 T -> o 40, p 60 -> 120 + 60 = 180.
    p = scenario(tmp_path, ["p,P,transport,100,,0,0,1", "o,O,transport,100,300,0,0,1"], [central(100)],
                 rules={"priority_share_min": 0.6})
    assert solve(p)["objective"] == pytest.approx(180)


def test_counterpart_ratio(tmp_path):
    # local_budget >= 0.5 central; local has 10, so central <= 20: funds 30 of a v/K=1 work -> 30.
    # Duals: an extra million of local unlocks 2 of central: 1 + 2 = 3; central's budget is slack: 0.
    p = scenario(tmp_path, ["a,O,transport,1000,,0,0,1"],
                 [central(100), {"id": "prov", "kind": "local_budget", "scope": "pooled", "budget": 10}],
                 rules={"counterpart_ratio": 0.5})
    out = solve(p)
    assert out["objective"] == pytest.approx(30)
    assert out["budget_duals"]["prov"] == pytest.approx(3) and out["budget_duals"]["central"] == pytest.approx(0)


def test_commune_cap_counts_only_pooled_state(tmp_path):
    # cap 30 of pooled state money per commune, two communes with one K=100 work each, central 100:
    # 30 + 30 = 60. An enterprise source (not state) of 20 is not capped: 80.
    works = ["p,P,transport,100,,0,0,1", "o,O,transport,100,,0,0,1"]
    p = scenario(tmp_path, works, [central(100)], rules={"commune_cap": 30})
    assert solve(p)["objective"] == pytest.approx(60)
    p = scenario(tmp_path, works, [central(100), {"id": "ent", "kind": "enterprise", "scope": "pooled",
                                                  "budget": 20}], rules={"commune_cap": 30})
    assert solve(p)["objective"] == pytest.approx(80)


def test_mip_indivisible(tmp_path):
    # budget 100; a: K 60 v 120 (2/M, whole only), b: K 50 v 75 (1.5/M, whole only), c: K 50 v 50 (divisible).
    # LP: a + 40 of b = 120 + 60 = 180. MIP: a + b = 110 > 100; a + 40 of c = 160; b + c = 125 -> 160.
    p = scenario(tmp_path, ["a,O,transport,60,120,0,0,0", "b,O,school,50,75,0,0,0", "c,O,culture,50,,0,0,1"],
                 [central(100)])
    assert solve(p)["objective"] == pytest.approx(180)
    out = solve(p, mode="mip")
    assert out["status"] == "optimal" and out["objective"] == pytest.approx(160)
    assert solve(p, sets=["mode=mip"])["objective"] == pytest.approx(160)


def test_standard_bonus(tmp_path):
    # target commune T (w = 1), two required works K 60 v 60, budget 90, Ω = 100.
    # LP: y1 = y2 = 0.75, z = 0.75 -> 90 + 75 = 165. MIP: z = 1 needs 120 > 90, so z = 0 -> 90.
    communes = ["T,Xã Tê,Huyện A,1000,0,0,target,15,0,0"]
    p = scenario(tmp_path, ["r1,T,transport,60,,1,0,1", "r2,T,school,60,,1,0,1"], [central(90)],
                 communes=communes, weights={"standard_bonus": 100})
    out = solve(p)
    assert out["objective"] == pytest.approx(165) and out["columns"] == 2 + 2 + 1
    assert solve(p, mode="mip")["objective"] == pytest.approx(90)
    # without the bonus there is no z: 90
    assert solve(p, sets=["weights.standard_bonus=0"])["objective"] == pytest.approx(90)


def test_weights_file_eligibility_and_input_conventions(tmp_path):
    # BOM, TRUE/False booleans, mixed-case category; the source is eligible only for `Transport`
    # in border communes. Weights file: border +2 and category transport x1.5 -> v_p = 3 * 1.5 * 10 = 45.
    p = scenario(tmp_path, ["p,P,Transport,10,,False,TRUE,1", "o,O,transport,10,,0,1,1"],
                 [central(100, eligible={"communes": ["border"], "categories": ["TRANSPORT"]})])
    text = (tmp_path / "works.csv").read_text(encoding="utf-8")
    (tmp_path / "works.csv").write_text("\ufeff" + text, encoding="utf-8")
    wfile = tmp_path / "w.yaml"
    wfile.write_text("name: x\nborder: 2\ncategory: {Transport: 1.5}\n", encoding="utf-8")
    out = solve(p, weights_file=str(wfile))
    assert out["objective"] == pytest.approx(45) and out["columns"] == 3


def test_bad_input_exits_2(tmp_path, capsys):
    p = scenario(tmp_path, ["a,O,transport,100,,yes,0,1"], [central(10)])
    assert R.main([str(p)]) == 2
    assert "1/0/true/false" in capsys.readouterr().err
    p = scenario(tmp_path, ["a,O,transport,100,,0,0,1"], [central(10)], baseline={"coefficients": {}})
    assert R.main([str(p), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["objective"] == pytest.approx(10)


# ---------------------------------------------------------------- multi-year plans (model.md §7) and §8
WORK_HEAD_MY = WORK_HEAD + ",duration,start_from,finish_by"
COMMUNE_HEAD_MY = COMMUNE_HEAD + ",standard_by"


def multi(tmp_path, works, sources, periods=(2026, 2027), communes=None, **kw):
    """A multi-year scenario: works rows give the 3 extra columns (duration,start_from,finish_by)."""
    communes = communes or [c + "," for c in COMMUNES]
    p = scenario(tmp_path, works, sources, communes=communes, periods=list(periods), **kw)
    for name, old, new in (("works.csv", WORK_HEAD, WORK_HEAD_MY), ("communes.csv", COMMUNE_HEAD, COMMUNE_HEAD_MY)):
        f = tmp_path / name
        f.write_text(f.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return p


def test_one_period_is_the_single_period_model(tmp_path):
    # test_priority_share's scenario with `periods: [2026]` and the budget given for 2026:
    # the same optimum (180) and the same model size.
    works = ["p,P,transport,100,,0,0,1", "o,O,transport,100,300,0,0,1"]
    single = solve(scenario(tmp_path, works, [central(100)], rules={"priority_share_min": 0.6}))
    one = solve(multi(tmp_path, [w + ",,," for w in works], [central({2026: 100})], periods=[2026],
                      rules={"priority_share_min": 0.6}))
    assert single["objective"] == pytest.approx(180) and one["objective"] == pytest.approx(180, rel=1e-12)
    for k in ("columns", "rows", "nonzeros"):
        assert one[k] == single[k]
    assert one["sources"]["central"]["used_by_period"] == {"2026": pytest.approx(100)}


def test_carry_over_binding(tmp_path):
    # Budget 100 in 2026, 0 in 2027; carry_over 0.6 lets at most 60 of 2026's money into 2027.
    # The only work (K 100, v 100) may start only in 2027: 60 funded -> 60.
    p = multi(tmp_path, ["a,O,transport,100,,0,0,1,1,2027,"],
              [central({2026: 100, 2027: 0}, carry_over=0.6)])
    out = solve(p)
    assert out["objective"] == pytest.approx(60)
    s = out["sources"]["central"]
    assert s["used_by_period"] == {"2026": pytest.approx(0, abs=1e-9), "2027": pytest.approx(60)}
    assert s["carried_by_period"] == {"2026": pytest.approx(60), "2027": 0.0}
    # an extra million in 2027 funds one more million (dual 1); 2026's row is slack (the cap binds)
    assert s["shadow_price_by_period"]["2027"] == pytest.approx(1)
    assert s["shadow_price_by_period"]["2026"] == pytest.approx(0, abs=1e-9)
    assert out["budget_duals"] == {"central": None}      # no whole-plan price with several periods
    # no carry-over: nothing; full carry-over: the whole work
    assert solve(p, sets=["sources.central.carry_over=0"])["objective"] == pytest.approx(0, abs=1e-9)
    assert solve(p, sets=["sources.central.carry_over=1"])["objective"] == pytest.approx(100)
    # one year's budget changed by --set (the YAML key is the integer 2027)
    assert solve(p, sets=["sources.central.budget.2027=30"])["objective"] == pytest.approx(90)


def test_two_year_work_meets_finish_by(tmp_path):
    # 2026-2028, 50 a year. a: K 100, d 2, finish_by 2027 -> its only start is 2026: 50 in 2026 and 50
    # in 2027. b: K 100, v 150, d 1, from 2027. In 2027, a gives 100/50 = 2 per million, b 1.5:
    # a whole (100) + b from 2028's 50 (75) = 175. Duals by year: 0 (nothing else can use 2026); 1.5 in
    # 2027 and 2028 (a is already whole, an extra million there goes to b).
    p = multi(tmp_path, ["a,O,transport,100,,0,0,1,2,,2027", "b,O,school,100,150,0,0,1,1,2027,"],
              [central({2026: 50, 2027: 50, 2028: 50})], periods=[2026, 2027, 2028])
    out = solve(p)
    assert out["objective"] == pytest.approx(175)
    s = out["sources"]["central"]
    assert s["used_by_period"] == {"2026": pytest.approx(50), "2027": pytest.approx(50), "2028": pytest.approx(50)}
    assert [s["shadow_price_by_period"][k] for k in ("2026", "2027", "2028")] == \
        [pytest.approx(0, abs=1e-9), pytest.approx(1.5), pytest.approx(1.5)]
    # MIP, both whole: b needs 100 in one year (never there) -> a only: 100
    text_ = (tmp_path / "works.csv").read_text().replace(",1,2,,2027", ",0,2,,2027").replace(",1,1,2027,", ",0,1,2027,")
    (tmp_path / "works.csv").write_text(text_)
    assert solve(p, mode="mip")["objective"] == pytest.approx(100)
    # a duration that does not fit before finish_by is an input error naming the line
    (tmp_path / "works.csv").write_text(text_.replace(",0,2,,2027", ",0,2,2027,2027"))
    with pytest.raises(R.InputError, match=r"works.csv line 2: .*no possible start"):
        solve(p)


def test_started_at_most_once(tmp_path):
    # one work K 100 that may start in 2026 or 2027, 100 a year: without row 1b it would be funded
    # twice (200); it is funded once: 100.
    p = multi(tmp_path, ["a,O,transport,100,,0,0,1,1,,"], [central({2026: 100, 2027: 100})])
    assert solve(p)["objective"] == pytest.approx(100)


def test_discounting_moves_the_better_work_earlier(tmp_path):
    # budgets 100/100, rate 0.1: the work worth 200 first (δ0 = 1), the other second (δ1 = 1/1.1).
    p = multi(tmp_path, ["a,O,transport,100,100,0,0,1,1,,", "b,O,school,100,200,0,0,1,1,,"],
              [central({2026: 100, 2027: 100})], discount_rate=0.1)
    assert solve(p)["objective"] == pytest.approx(200 + 100 / 1.1)
    assert solve(p, mode="mip")["objective"] == pytest.approx(200 + 100 / 1.1)
    # without discounting the order does not matter: 300
    assert solve(p, sets=["discount_rate=0"])["objective"] == pytest.approx(300)


def test_standard_by(tmp_path):
    # target commune T (w 1), one required work K 100 (v 100), Ω = 50. Money only in 2027.
    # standard_by 2027: completed in time -> 100 + 50 = 150. standard_by 2026: the work is still
    # funded in 2027 (100), but the bonus is lost: 100.
    for deadline, expected, by_period in (("2027", 150, {"2026": 0, "2027": 1}), ("2026", 100, {"2026": 0, "2027": 1})):
        p = multi(tmp_path, ["r,T,transport,100,,1,0,1,1,,"], [central({2026: 0, 2027: 100})],
                  communes=[f"T,Xã Tê,Huyện A,1000,0,0,target,15,0,0,{deadline}"],
                  weights={"standard_bonus": 50})
        out = solve(p)
        assert out["objective"] == pytest.approx(expected)
        assert solve(p, mode="mip")["objective"] == pytest.approx(expected)
        assert out["target_communes_reaching_standard_by_period"] == by_period
    # money in 2026 instead: completed by 2026, bonus earned with standard_by 2026: 150
    p = multi(tmp_path, ["r,T,transport,100,,1,0,1,1,,"], [central({2026: 100})],
              communes=["T,Xã Tê,Huyện A,1000,0,0,target,15,0,0,2026"], weights={"standard_bonus": 50})
    assert solve(p)["objective"] == pytest.approx(150)


def test_per_period_counterpart(tmp_path):
    # ρ = 0.5; central 100/100, local 100/0; one big work (K 1000) per year.
    # 2026: central 100 + local 100 (100 ≥ 50) -> 200; 2027: central ≤ 2 × 0 -> 0. Total 200
    # (over the plan as one pool it would be 300).
    p = multi(tmp_path, ["a,O,transport,1000,,0,0,1,1,2026,2026", "b,O,transport,1000,,0,0,1,1,2027,2027"],
              [central({2026: 100, 2027: 100}),
               {"id": "prov", "kind": "local_budget", "scope": "pooled", "budget": {2026: 100, 2027: 0}}],
              rules={"counterpart_ratio": 0.5})
    assert solve(p)["objective"] == pytest.approx(200)


def test_per_period_priority_share(tmp_path):
    # g = 0.5, central 100/100; 2026 has only an "other" work, 2027 only a priority one.
    # 2026: priority 0 ≥ 0.5 × used -> nothing; 2027: 100 to the priority work. Total 100 (200 pooled).
    p = multi(tmp_path, ["o,O,transport,1000,,0,0,1,1,2026,2026", "p,P,transport,1000,,0,0,1,1,2027,2027"],
              [central({2026: 100, 2027: 100})], rules={"priority_share_min": 0.5})
    assert solve(p)["objective"] == pytest.approx(100)
    assert solve(p, sets=["rules.priority_share_min=0"])["objective"] == pytest.approx(200)


def test_no_district_column_and_criteria_total(tmp_path):
    # §8: no district column; criteria_total 10, criteria_met 5, criteria_gap 1 -> w = 1 + 5/10 = 1.5.
    (tmp_path / "communes.csv").write_text(
        "code,name,population,especially_difficult,border,status,criteria_met,former_district\n"
        "A,Xã A,1000,0,0,none,5,Huyện Cũ\n", encoding="utf-8")
    (tmp_path / "works.csv").write_text(WORK_HEAD + "\na,A,transport,100,,0,0,1\n", encoding="utf-8")
    doc = {"communes": "communes.csv", "works": "works.csv", "sources": [central(1000)],
           "weights": {"criteria_gap": 1}, "criteria_total": 10, "report": {"group_by": "former_district"}}
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    assert solve(path)["objective"] == pytest.approx(150)
    doc["criteria_total"] = 4                           # criteria_met 5 > 4
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with pytest.raises(R.InputError, match="line 2 criteria_met"):
        solve(path)
    doc["criteria_total"] = 10
    doc["sources"] = [central(1000, eligible={"districts": ["Huyện Cũ"]})]
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with pytest.raises(R.InputError, match="source 'central'.*no district column"):
        solve(path)


def test_multi_year_input_errors(tmp_path):
    works = ["a,O,transport,100,,0,0,1,1,,"]
    p = multi(tmp_path, works, [central(100)])
    with pytest.raises(R.InputError, match="give one amount per period"):
        solve(p)
    p = multi(tmp_path, works, [central({2026: 1, 2031: 5})])
    with pytest.raises(R.InputError, match="2031 is not a period"):
        solve(p)
    p = multi(tmp_path, ["a,O,transport,100,,0,0,1,1,2025,"], [central({2026: 1})])
    with pytest.raises(R.InputError, match="works.csv line 2 start_from"):
        solve(p)
    assert R.main([str(p)]) == 2
