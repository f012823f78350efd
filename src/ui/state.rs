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

/// What changes the state: a person's [`Action`], or (once, after a prerendered start
/// page has been hydrated) the state read from the address and this computer.
pub enum Msg {
    Act(Action),
    /// The state to show from now on, in place of the prerendered one. It keeps the
    /// current turn, so that it is not taken for a step (focus stays where it is).
    Begin(Box<Flow>),
}

impl Reducible for State {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut next = (*self).clone();
        next.flow = match msg {
            Msg::Act(action) => next.flow.apply(action),
            Msg::Begin(mut flow) => {
                flow.turn = self.flow.turn;
                *flow
            }
        };
        Rc::new(next)
    }
}
