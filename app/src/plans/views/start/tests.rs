use super::*;
use crate::domain::plan::PlanStatus;

fn plan(year: i32) -> PlanRef {
    PlanRef {
        id: year,
        year,
        revision: 1,
        status: PlanStatus::Utkast,
    }
}

#[test]
fn a_new_plan_is_for_this_year_or_the_next_two_without_one() {
    assert_eq!(open_years(2026, &[]), vec![2026, 2027, 2028]);
    assert_eq!(open_years(2026, &[plan(2025), plan(2027)]), vec![2026, 2028]);
    assert!(open_years(2026, &[plan(2026), plan(2027), plan(2028)]).is_empty());
}
