//! The panels' look: colours, labels, buttons and rows, shared by the three panels.

use bevy::prelude::*;

use super::Action;

pub(super) const PANEL: Color = Color::srgba(0.10, 0.14, 0.18, 0.92);
pub(super) const BUTTON: Color = Color::srgb(0.25, 0.32, 0.40);
pub(super) const CHOSEN: Color = Color::srgb(0.20, 0.55, 0.30);
pub(super) const START: Color = Color::srgb(0.15, 0.60, 0.25);

pub(super) fn label(text: impl Into<String>, size: f32) -> impl Bundle {
    (
        Text::new(text),
        TextFont {
            font_size: FontSize::Vh(size),
            ..default()
        },
        TextColor(Color::WHITE),
    )
}

pub(super) fn button(action: Action, text: impl Into<String>) -> impl Bundle {
    (
        Button,
        action,
        Node {
            padding: UiRect::axes(px(18), px(12)),
            margin: UiRect::all(px(6)),
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            border_radius: BorderRadius::all(px(10)),
            ..default()
        },
        BackgroundColor(BUTTON),
        children![label(text, 3.0)],
    )
}

pub(super) fn row() -> Node {
    Node {
        flex_direction: FlexDirection::Row,
        flex_wrap: FlexWrap::Wrap,
        align_items: AlignItems::Center,
        justify_content: JustifyContent::Center,
        margin: UiRect::vertical(px(6)),
        ..default()
    }
}
