//! Tests of grants, scopes and permissions.

use super::*;

const OBJ: i32 = 7;
const OTHER: i32 = 8;

fn leader() -> Grant {
    Grant::Object {
        object_id: OBJ,
        role: ObjectRole::Forvaltningsledare,
    }
}

fn owner() -> Grant {
    Grant::Object {
        object_id: OBJ,
        role: ObjectRole::Objektagare,
    }
}

#[test]
fn the_permission_table_holds_for_each_grant_scope_and_permission() {
    use Permission::*;
    let admin = Grant::Global(Role::Admin);
    let attester = Grant::CostCenter {
        cost_center_id: 41210,
        role: Role::Attester,
    };
    let o = Scope::Object(OBJ);
    let other = Scope::Object(OTHER);
    let table: &[(&[Grant], Scope, Permission, bool)] = &[
        (&[Grant::Global(Role::Requester)], Scope::Global, Order, true),
        (&[], Scope::Global, Order, false),
        (&[Grant::Global(Role::Requester)], Scope::Global, ReadAllOrders, false),
        (&[Grant::Global(Role::Coordinator)], Scope::Global, ReadAllOrders, true),
        (&[admin], Scope::Global, ReadAllOrders, true),
        (
            &[Grant::Global(Role::CatalogManager)],
            Scope::Global,
            ManageCatalog,
            true,
        ),
        (&[admin], Scope::Global, ManageCatalog, false),
        (&[admin], Scope::Global, ReadAudit, true),
        (&[Grant::Global(Role::Coordinator)], Scope::Global, ReadAudit, false),
        (&[admin], Scope::Global, ManageGovernance, true),
        // Attest rights hold on their own cost centre only.
        (&[attester], Scope::CostCenter(41210), Attest, true),
        (&[attester], Scope::CostCenter(41220), Attest, false),
        (&[attester], Scope::Global, Attest, false),
        (
            &[Grant::Global(Role::Attester)],
            Scope::CostCenter(41210),
            Attest,
            false,
        ),
        // Object roles hold on their own object only.
        (&[leader()], o, EditPlan, true),
        (&[leader()], other, EditPlan, false),
        (&[leader()], o, DecidePlan, false),
        (&[owner()], o, DecidePlan, true),
        (&[owner()], other, DecidePlan, false),
        (&[owner()], o, EditPlan, false),
        (&[Grant::Global(Role::PlanManager)], o, EditPlan, false),
        (&[admin], o, EditPlan, false),
        (&[admin], o, DecidePlan, false),
        // Appointments: administrators any role, owners the roles below theirs.
        (&[admin], o, Appoint(ObjectRole::Objektagare), true),
        (&[admin], Scope::Global, Appoint(ObjectRole::Objektagare), false),
        (&[owner()], o, Appoint(ObjectRole::Forvaltningsledare), true),
        (&[owner()], o, Appoint(ObjectRole::Driftansvarig), true),
        (&[owner()], o, Appoint(ObjectRole::Objektagare), false),
        (&[owner()], o, Appoint(ObjectRole::ObjektagareIt), false),
        (&[owner()], other, Appoint(ObjectRole::Forvaltningsledare), false),
        (&[leader()], o, Appoint(ObjectRole::Objektspecialist), false),
        (&[leader()], o, Appoint(ObjectRole::Objektagare), false),
    ];
    for (grants, scope, permission, expected) in table {
        assert_eq!(
            permits(grants, *scope, *permission),
            *expected,
            "{grants:?} {scope:?} {permission:?}"
        );
    }
}
