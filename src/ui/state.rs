//! The one state behind `use_reducer`: the pure [`Flow`] plus what the page gave at start.

use crate::engine::flow::{Action, Flow};
use chrono::NaiveDate;
use std::rc::Rc;
use yew::Reducible;

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub flow: Flow,
    /// Today, read once from the browser's clock; dates are computed from it.
    pub today: NaiveDate,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.flow = next.flow.apply(action);
        Rc::new(next)
    }
}
