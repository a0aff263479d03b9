// By default the same spec compiles: the undeclared path parameter is a string argument, the
// operation without responses returns nothing, the untyped multipart body is bytes.
#![deny(warnings)]

mod api {
    whop_api::whop_api!("../../../tests/ui/specs/deviations.yml");
}

fn main() {
    let client = api::Client::builder().api_key("k").base_url("http://127.0.0.1:1").build();
    let _ = client.map(|c| {
        let _call = c.things().retrieve("thing_1");
        let _upload: whop_api::Call<()> = c.uploads().upload(&api::UploadParams::new().body(b"--x--".to_vec()));
    });
}
