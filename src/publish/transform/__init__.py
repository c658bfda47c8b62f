"""Model -> model transforms that writers do not own: language typography."""
