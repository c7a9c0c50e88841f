//! The kiosk configuration: `kiosk-config/kiosk.ron`, validated with positions.
