use super::*;

#[tokio::test]
async fn a_duplicate_gets_the_first_requests_answer() {
    let map = InFlight::<i32>::default();
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
    lead.done(Some(&7));
    assert_eq!(waiting.await.unwrap(), Some(7));
    assert_eq!(map.len(), 0, "a finished submission leaves the map");
    assert!(
        matches!(map.join(1, "k"), Turn::Lead(_)),
        "a later retry goes to the database"
    );
}

#[tokio::test]
async fn a_refused_or_cancelled_first_request_sends_the_duplicate_the_ordinary_way() {
    let map = InFlight::<i32>::default();
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
