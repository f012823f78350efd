use yew::prelude::*;

#[function_component(App)]
fn app() -> Html {
    let n = use_state(|| 0u32);
    let onclick = {
        let n = n.clone();
        Callback::from(move |_: MouseEvent| n.set(*n + 1))
    };
    html! {
        <div class="dsn">
            <h1 id="dsn-heading">{"Find out how to use or share health and care data"}</h1>
            <p>{format!("Pressed {} times", *n)}</p>
            <button {onclick}>{"Start now"}</button>
        </div>
    }
}

fn main() {
    let host = gloo::utils::document().get_element_by_id("app").unwrap();
    yew::Renderer::<App>::with_root(host).hydrate();
}
