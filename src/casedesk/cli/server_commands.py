"""``casedesk serve`` and ``casedesk worker``."""

from __future__ import annotations

import typer
from rich.console import Console

from casedesk.cli.bootstrap import django_ready

console = Console()


def register(app: typer.Typer) -> None:
    """Add the serve and worker commands to ``app``."""

    @app.command()
    def serve(
        host: str = typer.Option("127.0.0.1", help="Address to listen on."),
        port: int = typer.Option(8000, help="Port to listen on."),
        threads: int = typer.Option(8, help="Worker threads of the web server."),
    ) -> None:
        """Run the web interface (migrating the database first if needed).

        Example:  casedesk serve --port 8000
        """
        django_ready()
        from django.conf import settings
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)
        import waitress

        from casedesk.web.wsgi import application

        console.print(
            f"casedesk at [bold]http://{host}:{port}/[/bold]  (data: {settings.DATA_DIR})"
        )
        waitress.serve(application, host=host, port=port, threads=threads, ident="casedesk")

    @app.command()
    def worker(
        batch: bool = typer.Option(False, "--batch", help="Run the queued tasks, then exit."),
    ) -> None:
        """Run background tasks (reminders, indexing, OCR, conversions) from the database queue.

        On start it first sends reminders missed while no worker ran, and says how many.

        Example:  casedesk worker          (runs until stopped)
                  casedesk worker --batch  (empties the queue and exits)
        """
        django_ready()
        from django.core.management import call_command

        from casedesk.web.documents.tasks import schedule_retention_sweep
        from casedesk.web.scheduling.tasks import reminders_worker_start

        # Catch up on reminders missed while no worker ran, and queue the periodic sweeps.
        console.print(reminders_worker_start())
        schedule_retention_sweep(delay_hours=0)
        args = ["--batch"] if batch else []
        call_command("db_worker", *args)
