//! The struct macros as generated code uses them, through serde_json.

use std::cell::Cell;
use std::collections::BTreeMap;

use serde::ser::Error as _;
use serde::{Serialize, Serializer};
use serde_json::{json, Value};

/// What a generated struct with each kind of property looks like.
#[derive(Debug, PartialEq)]
struct Thing {
    id: String,
    note: Option<String>,
    cleared: Option<Option<i64>>,
    nullable: Option<String>,
    extra: BTreeMap<String, Value>,
}
crate::__object_to!(Thing { id "id" put, note "note" put_set, cleared "cleared" put_set, nullable "nullable" put } extra);
crate::__object_from!(Thing { 0 id "id" required, 1 note "note" optional, 2 cleared "cleared" three_state, 3 nullable "nullable" required } extra);

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[test]
fn each_kind_of_property_decodes_and_unlisted_ones_are_kept() -> TestResult {
    let thing: Thing = serde_json::from_str(r#"{"id": "a", "cleared": null, "x": 1, "id": "b"}"#)?;
    assert_eq!(thing.id, "b", "a repeated property: the last one wins");
    assert_eq!(thing.note, None, "optional and absent");
    assert_eq!(thing.cleared, Some(None), "three-state: null is not absent");
    assert_eq!(thing.nullable, None, "required but nullable: absent is None");
    assert_eq!(thing.extra, BTreeMap::from([("x".to_owned(), json!(1))]));
    let absent: Thing = serde_json::from_value(json!({"id": "a", "cleared": 3}))?;
    assert_eq!(absent.cleared, Some(Some(3)));
    Ok(())
}

#[test]
fn a_missing_required_property_is_named_and_a_non_object_is_refused() {
    let missing = serde_json::from_value::<Thing>(json!({"note": "n"})).map(drop);
    assert_eq!(missing.map_err(|e| e.to_string()), Err("missing field `id`".to_owned()));
    let list = serde_json::from_value::<Thing>(json!([1])).map(drop);
    assert!(list.is_err_and(|e| e.to_string().contains("an object (Thing)")));
}

#[test]
fn unset_optional_properties_are_left_out_and_unlisted_ones_written_beside() -> TestResult {
    let thing = Thing {
        id: "a".to_owned(),
        note: None,
        cleared: Some(None),
        nullable: None,
        extra: BTreeMap::from([("x".to_owned(), json!(1))]),
    };
    assert_eq!(serde_json::to_value(&thing)?, json!({"id": "a", "cleared": null, "nullable": null, "x": 1}));
    Ok(())
}

thread_local! {
    static WRITTEN_AFTER_THE_ERROR: Cell<u32> = const { Cell::new(0) };
}

/// A property whose value cannot be written.
struct Fails;
impl Serialize for Fails {
    fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(S::Error::custom("this value cannot be written"))
    }
}

/// A property that counts how often it is written.
struct Counted;
impl Serialize for Counted {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        WRITTEN_AFTER_THE_ERROR.with(|count| count.set(count.get() + 1));
        serializer.serialize_unit()
    }
}

struct Broken {
    bad: Fails,
    after: Counted,
}
crate::__object_to!(Broken { bad "bad" put, after "after" put });

#[test]
fn the_first_error_is_returned_and_nothing_is_written_after_it() {
    let written = serde_json::to_string(&Broken { bad: Fails, after: Counted });
    assert_eq!(written.map_err(|e| e.to_string()), Err("this value cannot be written".to_owned()));
    assert_eq!(WRITTEN_AFTER_THE_ERROR.with(Cell::get), 0);
}
