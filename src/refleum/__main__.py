from refleum.cli import app

app()
