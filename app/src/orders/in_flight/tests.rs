use super::*;

fn order(id: i32) -> OrderDetail {
    use crate::domain::money::Sek;
    OrderDetail {
        summary: crate::orders::dto::OrderSummary {
            id,
            number: crate::orders::dto::order_number(id),
            status: crate::domain::orders::OrderStatus::Submitted,
            requester_id: 1,
            requester: "Anna Lindqvist".into(),
            recipient_id: 1,
            recipient: "Anna Lindqvist".into(),
            cost_center_id: 1,
            cost_center: "1001 IT".into(),
            one_off: Sek::from_kronor(100),
            monthly: Sek::from_kronor(0),
            commitment: Sek::from_kronor(100),
            created_at: chrono::Utc::now(),
        },
        delivery: String::new(),
        contact: String::new(),
        reference: String::new(),
        wanted_date: None,
        note: String::new(),
        lines: vec![],
        events: vec![],
        attestation: None,
        parts: vec![],
    }
}

#[tokio::test]
async fn a_duplicate_gets_the_first_requests_order() {
    let map = InFlight::default();
    let Turn::Lead(lead) = map.join(1, "k") else {
        panic!("the first request leads")
    };
    let Turn::Follow(follow) = map.join(1, "k") else {
        panic!("the second follows")
    };
    assert!(
        matches!(map.join(2, "k"), Turn::Lead(_)),
        "another requester's key is another key"
    );
    let waiting = tokio::spawn(follow.answer());
    lead.done(Some(&order(7)));
    assert_eq!(waiting.await.unwrap().map(|o| o.summary.id), Some(7));
    assert_eq!(map.len(), 0, "a finished submission leaves the map");
    assert!(
        matches!(map.join(1, "k"), Turn::Lead(_)),
        "a later retry goes to the database"
    );
}

#[tokio::test]
async fn a_refused_or_cancelled_first_request_sends_the_duplicate_the_ordinary_way() {
    let map = InFlight::default();
    let Turn::Lead(lead) = map.join(1, "refused") else {
        panic!()
    };
    let Turn::Follow(follow) = map.join(1, "refused") else {
        panic!()
    };
    lead.done(None);
    assert_eq!(follow.answer().await, None);

    let Turn::Lead(lead) = map.join(1, "cancelled") else {
        panic!()
    };
    let Turn::Follow(follow) = map.join(1, "cancelled") else {
        panic!()
    };
    drop(lead);
    assert_eq!(follow.answer().await, None);
    assert_eq!(map.len(), 0);
}
