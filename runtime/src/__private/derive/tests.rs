//! The struct impls as generated code writes them, through serde_json.

use std::cell::Cell;
use std::collections::BTreeMap;

use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
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

// The impls as the generator writes them.
impl Serialize for Thing {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        super::encode(
            serializer,
            &["id", "note", "cleared", "nullable"],
            (&self.id, self.note.as_ref(), self.cleared.as_ref(), &self.nullable),
            &self.extra,
        )
    }
}

impl<'de> Deserialize<'de> for Thing {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::decode(
            deserializer,
            "Thing",
            &["id", "note", "cleared", "nullable"],
            |(id, note, super::ThreeState(cleared), nullable), extra| Self {
                id,
                note,
                cleared,
                nullable,
                extra,
            },
        )
    }
}

/// More properties than one tuple holds: the twelfth element is a `Rest` of the others,
/// which nests again.
#[derive(Debug, PartialEq, Default)]
struct Long {
    p: [Option<u8>; 25],
}

impl Serialize for Long {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let p = &self.p;
        super::encode(
            serializer,
            &LONG_NAMES,
            (
                p[0].as_ref(),
                p[1].as_ref(),
                p[2].as_ref(),
                p[3].as_ref(),
                p[4].as_ref(),
                p[5].as_ref(),
                p[6].as_ref(),
                p[7].as_ref(),
                p[8].as_ref(),
                p[9].as_ref(),
                p[10].as_ref(),
                super::Rest((
                    p[11].as_ref(),
                    p[12].as_ref(),
                    p[13].as_ref(),
                    p[14].as_ref(),
                    p[15].as_ref(),
                    p[16].as_ref(),
                    p[17].as_ref(),
                    p[18].as_ref(),
                    p[19].as_ref(),
                    p[20].as_ref(),
                    p[21].as_ref(),
                    super::Rest((p[22].as_ref(), p[23].as_ref(), p[24].as_ref())),
                )),
            ),
            (),
        )
    }
}

impl<'de> Deserialize<'de> for Long {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::decode(
            deserializer,
            "Long",
            &LONG_NAMES,
            |(
                a0,
                a1,
                a2,
                a3,
                a4,
                a5,
                a6,
                a7,
                a8,
                a9,
                a10,
                super::Rest((b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, super::Rest((c0, c1, c2)))),
            ),
             ()| Self {
                p: [
                    a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10,
                    c0, c1, c2,
                ],
            },
        )
    }
}

const LONG_NAMES: [&str; 25] = [
    "p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10", "p11", "p12", "p13", "p14", "p15",
    "p16", "p17", "p18", "p19", "p20", "p21", "p22", "p23", "p24",
];

#[test]
fn properties_past_the_first_tuple_land_in_their_own_fields() -> TestResult {
    let mut long = Long::default();
    for (i, index) in [0_u8, 10, 11, 21, 22, 24].into_iter().enumerate() {
        long.p[usize::from(index)] = Some(u8::try_from(i)?);
    }
    let written = serde_json::to_value(&long)?;
    assert_eq!(written, json!({"p0": 0, "p10": 1, "p11": 2, "p21": 3, "p22": 4, "p24": 5}));
    assert_eq!(serde_json::from_value::<Long>(written)?, long);
    // A struct that keeps no unlisted properties skips them, nested values and all.
    let skipped: Long = serde_json::from_value(json!({"other": {"deep": [1, {"p0": 9}]}, "p1": 7}))?;
    assert_eq!(skipped.p[1], Some(7));
    assert_eq!(skipped.p.iter().flatten().count(), 1);
    Ok(())
}

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

impl Serialize for Broken {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        super::encode(serializer, &["bad", "after"], (&self.bad, &self.after), ())
    }
}

#[test]
fn the_first_error_is_returned_and_nothing_is_written_after_it() {
    let written = serde_json::to_string(&Broken { bad: Fails, after: Counted });
    assert_eq!(written.map_err(|e| e.to_string()), Err("this value cannot be written".to_owned()));
    assert_eq!(WRITTEN_AFTER_THE_ERROR.with(Cell::get), 0);
}
