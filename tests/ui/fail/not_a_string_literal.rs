// The macro takes the spec path as a string literal.
whop_api::whop_api!(spec::affiliates);

fn main() {}
