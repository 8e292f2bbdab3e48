"""An organisation's brand: its name, logo and an accent colour that stays readable."""
