//! The bundled schema itself.

use serde_json::Value;

fn schema() -> Value {
    serde_json::from_str(orderlint::schema::SCHEMA_TEXT).expect("the schema is JSON")
}

#[test]
fn schema_is_valid_against_its_metaschema() {
    let schema = schema();
    assert_eq!(
        schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
        "the schema declares draft 2020-12"
    );
    if let Err(error) = jsonschema::meta::validate(&schema) {
        panic!(
            "the schema breaks its metaschema at {}: {error}",
            error.instance_path()
        );
    }
    orderlint::schema::validator().expect("the schema compiles");
}

/// Follows a local `$ref` (`#/$defs/x`) to what it names.
fn resolve<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(reference) if reference.starts_with('#') => {
            let target = root.pointer(&reference[1..]).expect("local $ref resolves");
            resolve(root, target)
        }
        _ => node,
    }
}

fn check_properties(root: &Value, node: &Value, at: &str, missing: &mut Vec<String>) {
    match node {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = map.get("properties") {
                for (name, property) in properties {
                    let here = format!("{at}/properties/{name}");
                    let documented = |key: &str| {
                        property.get(key).is_some() || resolve(root, property).get(key).is_some()
                    };
                    for key in ["description", "markdownDescription"] {
                        if !documented(key) {
                            missing.push(format!("{here}: no {key}"));
                        }
                    }
                }
            }
            for (key, child) in map {
                // The subschemas of the `allOf` conditionals only add
                // constraints to properties documented at their own place.
                if at.is_empty() && key == "allOf" {
                    continue;
                }
                check_properties(root, child, &format!("{at}/{key}"), missing);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                check_properties(root, child, &format!("{at}/{i}"), missing);
            }
        }
        _ => {}
    }
}

#[test]
fn every_property_is_documented_for_editors() {
    let schema = schema();
    let mut missing = Vec::new();
    check_properties(&schema, &schema, "", &mut missing);
    assert!(
        missing.is_empty(),
        "undocumented properties:\n{}",
        missing.join("\n")
    );
}
