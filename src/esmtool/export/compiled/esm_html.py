from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'esm.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_tool = resolve('tool')
    l_0_document = resolve('document')
    pass
    yield '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">\n<meta name="generator" content="esmtool '
    yield escape(environment.finalize(environment.getattr((undefined(name='tool') if l_0_tool is missing else l_0_tool), 'version')))
    yield '">\n<title>'
    yield escape(environment.finalize(environment.getattr((undefined(name='document') if l_0_document is missing else l_0_document), 'title')))
    yield '</title>\n'
    yield from context.blocks['style'][0](context)
    yield '</head>\n<body>\n'
    yield from context.blocks['header'][0](context)
    yield '<main>\n'
    yield from context.blocks['detail_sheet'][0](context)
    yield '\n'
    yield from context.blocks['strategy'][0](context)
    yield '\n'
    yield from context.blocks['measure_set'][0](context)
    yield from context.blocks['progress'][0](context)
    yield from context.blocks['turn_the_curve'][0](context)
    yield '\n'
    yield from context.blocks['findings'][0](context)
    yield '\n'
    yield from context.blocks['notes'][0](context)
    yield '</main>\n'
    yield from context.blocks['footer'][0](context)
    yield '</body>\n</html>\n'

def block_style(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield '<style>\n  :root { --ink: #1b1b1b; --muted: #555; --rule: #b8b8b8; --head: #eef1f5; --mark: #8a5a00; }\n  * { box-sizing: border-box; }\n  body { margin: 0 auto; max-width: 54rem; padding: 2rem 1.5rem 3rem; color: var(--ink);\n    font: 16px/1.5 "Segoe UI", Calibri, "Helvetica Neue", Arial, sans-serif; background: #fff; }\n  h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 .35rem; }\n  h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--ink); }\n  h3 { font-size: 1.05rem; margin: 1.3rem 0 .4rem; }\n  p { margin: .4rem 0; }\n  .subtitle { color: var(--muted); margin: 0 0 1rem; }\n  .text { white-space: pre-line; }\n  table { width: 100%; border-collapse: collapse; margin: .5rem 0 1rem; }\n  th, td { border: 1px solid var(--rule); padding: .35rem .5rem; text-align: left; vertical-align: top; }\n  thead th { background: var(--head); }\n  table.fields th[scope="row"] { width: 13rem; font-weight: 600; background: #fafafa; }\n  table.quadrants td.number { width: 2.5rem; text-align: center; }\n  table.quadrants ul, table.grid ul { margin: 0; padding-left: 1.1rem; }\n  table.grid { table-layout: fixed; }\n  table.grid thead td { border: 0; width: 5.5rem; }\n  table.grid thead th { text-align: center; }\n  table.grid th[scope="row"] { background: var(--head); vertical-align: middle; text-align: center; }\n  table.grid td { padding: .5rem .6rem; }\n  table.grid p.quadrant { margin: 0 0 .3rem; font-weight: 600; }\n  .status { margin: 0 0 .5rem; color: var(--muted); font-size: .9rem; letter-spacing: .02em; }\n  .status strong { color: #a4000f; text-transform: uppercase; }\n  .legend { color: var(--muted); font-size: .9rem; margin-top: -.5rem; }\n  .headline { color: var(--mark); font-weight: 600; }\n  .empty { color: var(--muted); font-style: italic; }\n  ol.references li, ul.findings li { margin: .25rem 0; }\n  .severity-error { color: #a4000f; font-weight: 600; }\n  .severity-warning { color: #8a5a00; font-weight: 600; }\n  .severity-info { color: var(--muted); font-weight: 600; }\n  footer { margin-top: 2.5rem; padding-top: .5rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: .85rem; }\n  a { color: #0b4f9c; overflow-wrap: anywhere; }\n  @media print {\n    @page { size: letter; margin: 0.75in; }\n    body { max-width: none; padding: 0; font-size: 10.5pt; }\n    h2 { break-after: avoid; page-break-after: avoid; }\n    h3 { break-after: avoid; page-break-after: avoid; }\n    tr, li { break-inside: avoid; page-break-inside: avoid; }\n    table.grid { break-inside: avoid; page-break-inside: avoid; }\n    /* on paper the status line at the top says it all: the footer would repeat it, and\n       could take a last page of its own */\n    footer { display: none; }\n    thead { display: table-header-group; }\n    thead th, table.fields th[scope="row"] { background: none; }\n    a { color: inherit; text-decoration: none; }\n  }\n</style>\n'

def block_header(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_document = resolve('document')
    pass
    yield '<header>\n<p class="status"><strong>'
    yield escape(environment.finalize(environment.getattr((undefined(name='document') if l_0_document is missing else l_0_document), 'status')))
    yield '</strong> · '
    yield escape(environment.finalize(environment.getattr((undefined(name='document') if l_0_document is missing else l_0_document), 'date')))
    yield ' · '
    yield escape(environment.finalize(environment.getattr((undefined(name='document') if l_0_document is missing else l_0_document), 'versions')))
    yield '</p>\n<h1>'
    yield escape(environment.finalize(environment.getattr((undefined(name='document') if l_0_document is missing else l_0_document), 'title')))
    yield '</h1>\n<p class="subtitle">'
    yield escape(environment.finalize(environment.getattr((undefined(name='document') if l_0_document is missing else l_0_document), 'subtitle')))
    yield '</p>\n</header>\n'

def block_detail_sheet(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_esm = resolve('esm')
    l_0_state = resolve('state')
    l_0_npm = resolve('npm')
    pass
    yield '<section id="detail-sheet">\n<h2>ESM detail sheet</h2>\n<table class="fields">\n<thead><tr><th scope="col">Field</th><th scope="col">Detail</th></tr></thead>\n<tbody>\n'
    for (l_1_label, l_1_value) in [('ESM number', environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'id')), ('ESM title', environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'title')), ('State', (undefined(name='state') if l_0_state is missing else l_0_state)), ('National Performance Measure', (environment.getattr((undefined(name='npm') if l_0_npm is missing else l_0_npm), 'name') if (undefined(name='npm') if l_0_npm is missing else l_0_npm) else None)), ('NPM code', (environment.getattr((undefined(name='npm') if l_0_npm is missing else l_0_npm), 'code') if (undefined(name='npm') if l_0_npm is missing else l_0_npm) else None)), ('Population domain', (environment.getattr((undefined(name='npm') if l_0_npm is missing else l_0_npm), 'domain') if (undefined(name='npm') if l_0_npm is missing else l_0_npm) else None)), ('NPM wording', (environment.getattr((undefined(name='npm') if l_0_npm is missing else l_0_npm), 'definition') if (undefined(name='npm') if l_0_npm is missing else l_0_npm) else None)), ('Measure status', environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'status_label')), ('Goal', environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'goal'))]:
        _loop_vars = {}
        pass
        yield '<tr><th scope="row">'
        yield escape(environment.finalize(l_1_label))
        yield '</th><td class="text">'
        yield escape(environment.finalize((l_1_value or '—')))
        yield '</td></tr>\n'
    l_1_label = l_1_value = missing
    yield '</tbody>\n</table>\n\n<h3>Definition</h3>\n<table class="fields definition">\n<thead><tr><th scope="col">Element</th><th scope="col">Definition</th></tr></thead>\n<tbody>\n'
    for (l_1_label, l_1_value) in [('Unit type', environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'unit_type_label')), ('Unit number', environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'unit_number_text')), ('Numerator', environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'numerator')), ('Denominator', environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'denominator'))]:
        _loop_vars = {}
        pass
        yield '<tr><th scope="row">'
        yield escape(environment.finalize(l_1_label))
        yield '</th><td class="text">'
        yield escape(environment.finalize((l_1_value or '—')))
        yield '</td></tr>\n'
    l_1_label = l_1_value = missing
    yield '</tbody>\n</table>\n\n<h3>Data sources and data issues</h3>\n<p><strong>Data sources:</strong> <span class="text">'
    yield escape(environment.finalize((environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'data_sources') or '—')))
    yield '</span></p>\n<p><strong>Data issues:</strong> <span class="text">'
    yield escape(environment.finalize((environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'data_issues') or 'None noted.')))
    yield '</span></p>\n\n<h3>Significance</h3>\n<p class="text">'
    yield escape(environment.finalize((environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'significance') or '—')))
    yield '</p>\n\n<h3>Baseline and annual objectives</h3>\n<p><strong>Direction of improvement:</strong> '
    yield escape(environment.finalize((environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'direction_text') or '—')))
    yield '</p>\n<table class="objectives">\n<thead><tr><th scope="col">Year</th><th scope="col">Objective</th><th scope="col">Note</th></tr></thead>\n<tbody>\n'
    if environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'baseline'):
        pass
        yield '<tr><td>'
        yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'baseline'), 'year')))
        yield ' (baseline)</td><td>'
        yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'baseline'), 'text')))
        yield '</td><td class="text">'
        yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'baseline'), 'note')))
        yield '</td></tr>\n'
    for l_1_o in environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'objectives'):
        _loop_vars = {}
        pass
        yield '<tr><td>'
        yield escape(environment.finalize(environment.getattr(l_1_o, 'year')))
        yield '</td><td>'
        yield escape(environment.finalize(environment.getattr(l_1_o, 'text')))
        yield '</td><td></td></tr>\n'
    l_1_o = missing
    if ((not environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'baseline')) and (not environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'objectives'))):
        pass
        yield '<tr><td colspan="3" class="empty">No baseline or objectives yet.</td></tr>\n'
    yield '</tbody>\n</table>\n</section>\n'

def block_strategy(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_strategy = resolve('strategy')
    try:
        t_1 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_2 = environment.filters['web_url']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'web_url' found.")
    try:
        t_3 = environment.tests['web_url']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No test named 'web_url' found.")
    pass
    yield '<section id="strategy">\n<h2>Strategy and evidence</h2>\n'
    if (undefined(name='strategy') if l_0_strategy is missing else l_0_strategy):
        pass
        yield '<table class="fields">\n<thead><tr><th scope="col">Field</th><th scope="col">Detail</th></tr></thead>\n<tbody>\n'
        for (l_1_label, l_1_value) in [('Strategy', environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'name')), ('Strategy ID', environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'id')), ('Approach', environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'approach')), ('Evidence rating', (environment.getattr(environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'evidence'), 'level') if environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'evidence') else None)), ('What the rating means', (environment.getattr(environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'evidence'), 'definition') if environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'evidence') else None)), ('Source', environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'source')), ('Outcome components', t_1(context.eval_ctx, environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'outcomes'), '; ')), ('Intervention type', environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'intervention_type')), ('Intervention level', environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'intervention_level'))]:
            _loop_vars = {}
            pass
            yield '<tr><th scope="row">'
            yield escape(environment.finalize(l_1_label))
            yield '</th><td class="text">'
            yield escape(environment.finalize((l_1_value or '—')))
            yield '</td></tr>\n'
        l_1_label = l_1_value = missing
        yield '<tr><th scope="row">'
        if (environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'origin') in ['mchbest', None]):
            pass
            yield 'MCHbest page'
        else:
            pass
            yield 'Described at'
        yield '</th><td>'
        if t_3(environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'url')):
            pass
            yield '<a href="'
            yield escape(environment.finalize(t_2(environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'url'))))
            yield '">'
            yield escape(environment.finalize(environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'url')))
            yield '</a>'
        else:
            pass
            yield escape(environment.finalize((environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'url') or '—')))
        yield '</td></tr>\n</tbody>\n</table>\n'
        if environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'references'):
            pass
            yield '<h3>References</h3>\n<ol class="references">\n'
            for l_1_ref in environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'references'):
                _loop_vars = {}
                pass
                yield '<li>'
                yield escape(environment.finalize(l_1_ref))
                yield '</li>\n'
            l_1_ref = missing
            yield '</ol>\n'
    else:
        pass
        yield '<p class="empty">No strategy chosen yet.</p>\n'
    yield '</section>\n'

def block_measure_set(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_quadrants = resolve('quadrants')
    l_0_grid = resolve('grid')
    l_0_headline_measures = resolve('headline_measures')
    pass
    yield '<section id="measure-set">\n<h2>RBA measure set</h2>\n<table class="quadrants">\n<thead><tr><th scope="col">No.</th><th scope="col">Quadrant</th><th scope="col">Question</th><th scope="col">Measures</th></tr></thead>\n<tbody>\n'
    for l_1_q in (undefined(name='quadrants') if l_0_quadrants is missing else l_0_quadrants):
        _loop_vars = {}
        pass
        yield '<tr>\n<td class="number">'
        yield escape(environment.finalize(environment.getattr(l_1_q, 'number')))
        yield '</td>\n<td>'
        yield escape(environment.finalize(environment.getattr(l_1_q, 'name')))
        yield '</td>\n<td>'
        yield escape(environment.finalize(environment.getattr(l_1_q, 'question')))
        yield '</td>\n<td>'
        if environment.getattr(l_1_q, 'measures'):
            pass
            yield '<ul>'
            for l_2_m in environment.getattr(l_1_q, 'measures'):
                _loop_vars = {}
                pass
                yield '<li'
                if environment.getattr(l_2_m, 'headline'):
                    pass
                    yield ' class="headline"'
                yield '>'
                if environment.getattr(l_2_m, 'headline'):
                    pass
                    yield '★ '
                yield '<span class="text">'
                yield escape(environment.finalize(environment.getattr(l_2_m, 'text')))
                yield '</span></li>'
            l_2_m = missing
            yield '</ul>'
        else:
            pass
            yield '<span class="empty">'
            yield escape(environment.finalize(('No measure (left out on purpose)' if environment.getattr(l_1_q, 'skipped') else 'No measure yet')))
            yield '</span>'
        yield '</td>\n</tr>\n'
    l_1_q = missing
    yield '</tbody>\n</table>\n<p class="legend">★ marks a headline measure.</p>\n\n<h3>The measure set as an RBA grid</h3>\n<table class="grid">\n<thead><tr><td></td>'
    for l_1_c in environment.getattr((undefined(name='grid') if l_0_grid is missing else l_0_grid), 'columns'):
        _loop_vars = {}
        pass
        yield '<th scope="col">'
        yield escape(environment.finalize(l_1_c))
        yield '</th>'
    l_1_c = missing
    yield '</tr></thead>\n<tbody>\n'
    for l_1_row in environment.getattr((undefined(name='grid') if l_0_grid is missing else l_0_grid), 'rows'):
        _loop_vars = {}
        pass
        yield '<tr>\n<th scope="row">'
        yield escape(environment.finalize(environment.getattr(l_1_row, 'label')))
        yield '</th>\n'
        for l_2_q in environment.getattr(l_1_row, 'quadrants'):
            _loop_vars = {}
            pass
            yield '<td><p class="quadrant">'
            yield escape(environment.finalize(environment.getattr(l_2_q, 'number')))
            yield '. '
            yield escape(environment.finalize(environment.getattr(l_2_q, 'rba_question')))
            yield '</p>'
            if environment.getattr(l_2_q, 'measures'):
                pass
                yield '<ul>'
                for l_3_m in environment.getattr(l_2_q, 'measures'):
                    _loop_vars = {}
                    pass
                    yield '<li'
                    if environment.getattr(l_3_m, 'headline'):
                        pass
                        yield ' class="headline"'
                    yield '>'
                    if environment.getattr(l_3_m, 'headline'):
                        pass
                        yield '★ '
                    yield '<span class="text">'
                    yield escape(environment.finalize(environment.getattr(l_3_m, 'text')))
                    yield '</span></li>'
                l_3_m = missing
                yield '</ul>'
            else:
                pass
                yield '<p class="empty">'
                yield escape(environment.finalize(('No measure (left out on purpose)' if environment.getattr(l_2_q, 'skipped') else 'No measure yet')))
                yield '</p>'
            yield '</td>\n'
        l_2_q = missing
        yield '</tr>\n'
    l_1_row = missing
    yield '</tbody>\n</table>\n\n<h3>Headline measures</h3>\n'
    if (undefined(name='headline_measures') if l_0_headline_measures is missing else l_0_headline_measures):
        pass
        yield '<ul class="headline-measures">\n'
        for l_1_m in (undefined(name='headline_measures') if l_0_headline_measures is missing else l_0_headline_measures):
            _loop_vars = {}
            pass
            yield '<li><strong>Quadrant '
            yield escape(environment.finalize(environment.getattr(l_1_m, 'quadrant')))
            yield ' ('
            yield escape(environment.finalize(environment.getattr(l_1_m, 'quadrant_name')))
            yield '):</strong> <span class="text">'
            yield escape(environment.finalize(environment.getattr(l_1_m, 'text')))
            yield '</span></li>\n'
        l_1_m = missing
        yield '</ul>\n'
    else:
        pass
        yield '<p class="empty">No measure is marked as a headline measure.</p>\n'
    yield '</section>\n'

def block_progress(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_progress = resolve('progress')
    try:
        t_4 = environment.filters['safe']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'safe' found.")
    pass
    if (undefined(name='progress') if l_0_progress is missing else l_0_progress):
        pass
        yield '<section id="progress">\n<h2>Progress against the annual objectives</h2>\n'
        if environment.getattr((undefined(name='progress') if l_0_progress is missing else l_0_progress), 'chart_svg'):
            pass
            yield '<figure class="chart" style="margin: 1em 0; overflow-x: auto">\n'
            yield escape(environment.finalize(t_4(environment.getattr((undefined(name='progress') if l_0_progress is missing else l_0_progress), 'chart_svg'))))
            yield "\n<figcaption>Turn the curve: baseline, annual objectives, actuals and the forecast from the actuals' trend ("
            yield escape(environment.finalize(environment.getattr((undefined(name='progress') if l_0_progress is missing else l_0_progress), 'unit_label')))
            yield '). The same figures are in the table.</figcaption>\n</figure>\n'
        yield '<table class="progress">\n<thead><tr><th scope="col">Year</th><th scope="col">Objective</th><th scope="col">Actual</th><th scope="col">Met</th><th scope="col">Of the way from the baseline</th><th scope="col">Change</th><th scope="col">Status</th></tr></thead>\n<tbody>\n'
        for l_1_y in environment.getattr((undefined(name='progress') if l_0_progress is missing else l_0_progress), 'years'):
            _loop_vars = {}
            pass
            yield '<tr><td>'
            yield escape(environment.finalize(environment.getattr(l_1_y, 'year')))
            yield '</td><td>'
            yield escape(environment.finalize((environment.getattr(l_1_y, 'objective_text') or '—')))
            yield '</td><td>'
            yield escape(environment.finalize((environment.getattr(l_1_y, 'actual_text') or '—')))
            if environment.getattr(l_1_y, 'computed'):
                pass
                yield ' (computed)'
            yield '</td><td>'
            yield escape(environment.finalize(environment.getattr(l_1_y, 'met_text')))
            yield '</td><td>'
            yield escape(environment.finalize(environment.getattr(l_1_y, 'share_text')))
            yield '</td><td>'
            yield escape(environment.finalize(environment.getattr(l_1_y, 'change_text')))
            yield '</td><td>'
            yield escape(environment.finalize(environment.getattr(l_1_y, 'status')))
            yield '</td></tr>\n'
        l_1_y = missing
        for l_1_f in environment.getattr((undefined(name='progress') if l_0_progress is missing else l_0_progress), 'forecast'):
            _loop_vars = {}
            pass
            yield '<tr class="forecast"><td>'
            yield escape(environment.finalize(environment.getattr(l_1_f, 'year')))
            yield '</td><td></td><td>'
            yield escape(environment.finalize(environment.getattr(l_1_f, 'text')))
            yield ' (forecast)</td><td></td><td></td><td></td><td></td></tr>\n'
        l_1_f = missing
        yield '</tbody>\n</table>\n'
        if environment.getattr((undefined(name='progress') if l_0_progress is missing else l_0_progress), 'trend_text'):
            pass
            yield '<p><strong>Trend:</strong> '
            yield escape(environment.finalize(environment.getattr((undefined(name='progress') if l_0_progress is missing else l_0_progress), 'trend_text')))
            yield '</p>\n'
        yield '</section>\n'

def block_turn_the_curve(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_turn_the_curve = resolve('turn_the_curve')
    pass
    if (undefined(name='turn_the_curve') if l_0_turn_the_curve is missing else l_0_turn_the_curve):
        pass
        yield '<section id="turn-the-curve">\n<h2>Turning the curve</h2>\n'
        for (l_1_heading, l_1_value) in [('The story behind the curve', environment.getattr((undefined(name='turn_the_curve') if l_0_turn_the_curve is missing else l_0_turn_the_curve), 'story')), ('What works', environment.getattr((undefined(name='turn_the_curve') if l_0_turn_the_curve is missing else l_0_turn_the_curve), 'what_works')), ('Action plan', environment.getattr((undefined(name='turn_the_curve') if l_0_turn_the_curve is missing else l_0_turn_the_curve), 'action_plan'))]:
            _loop_vars = {}
            pass
            if l_1_value:
                pass
                yield '<h3>'
                yield escape(environment.finalize(l_1_heading))
                yield '</h3>\n<p class="text">'
                yield escape(environment.finalize(l_1_value))
                yield '</p>\n'
        l_1_heading = l_1_value = missing
        if environment.getattr((undefined(name='turn_the_curve') if l_0_turn_the_curve is missing else l_0_turn_the_curve), 'partners'):
            pass
            yield '<h3>Partners</h3>\n<ul>\n'
            for l_1_p in environment.getattr((undefined(name='turn_the_curve') if l_0_turn_the_curve is missing else l_0_turn_the_curve), 'partners'):
                _loop_vars = {}
                pass
                yield '<li>'
                yield escape(environment.finalize(l_1_p))
                yield '</li>\n'
            l_1_p = missing
            yield '</ul>\n'
        if environment.getattr((undefined(name='turn_the_curve') if l_0_turn_the_curve is missing else l_0_turn_the_curve), 'data_development'):
            pass
            yield '<h3>Data development agenda</h3>\n<ol>\n'
            for l_1_d in environment.getattr((undefined(name='turn_the_curve') if l_0_turn_the_curve is missing else l_0_turn_the_curve), 'data_development'):
                _loop_vars = {}
                pass
                yield '<li>'
                yield escape(environment.finalize(l_1_d))
                yield '</li>\n'
            l_1_d = missing
            yield '</ol>\n'
        yield '</section>\n'

def block_findings(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_include = resolve('include')
    l_0_findings = resolve('findings')
    pass
    if environment.getattr((undefined(name='include') if l_0_include is missing else l_0_include), 'review'):
        pass
        yield '<section id="findings">\n<h2>Review findings</h2>\n'
        if (undefined(name='findings') if l_0_findings is missing else l_0_findings):
            pass
            yield '<ul class="findings">\n'
            for l_1_f in (undefined(name='findings') if l_0_findings is missing else l_0_findings):
                _loop_vars = {}
                pass
                yield '<li><span class="severity-'
                yield escape(environment.finalize(environment.getattr(l_1_f, 'severity')))
                yield '">'
                yield escape(environment.finalize(environment.getattr(l_1_f, 'severity_label')))
                yield '</span>'
                if environment.getattr(l_1_f, 'field'):
                    pass
                    yield ' ('
                    yield escape(environment.finalize(environment.getattr(l_1_f, 'field')))
                    yield ')'
                yield ': '
                yield escape(environment.finalize(environment.getattr(l_1_f, 'message')))
                if environment.getattr(l_1_f, 'advice'):
                    pass
                    yield ' '
                    yield escape(environment.finalize(environment.getattr(l_1_f, 'advice')))
                yield '</li>\n'
            l_1_f = missing
            yield '</ul>\n'
        else:
            pass
            yield '<p>The review found nothing to point out.</p>\n'
        yield '</section>\n'

def block_notes(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_notes = resolve('notes')
    pass
    if (undefined(name='notes') if l_0_notes is missing else l_0_notes):
        pass
        yield '<section id="notes">\n<h2>Notes</h2>\n<p class="text">'
        yield escape(environment.finalize((undefined(name='notes') if l_0_notes is missing else l_0_notes)))
        yield '</p>\n</section>\n'

def block_footer(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_document = resolve('document')
    pass
    yield '<footer>\n<p>'
    yield escape(environment.finalize(environment.getattr((undefined(name='document') if l_0_document is missing else l_0_document), 'status')))
    yield ' of '
    yield escape(environment.finalize(environment.getattr((undefined(name='document') if l_0_document is missing else l_0_document), 'date')))
    yield '. '
    yield escape(environment.finalize(environment.getattr((undefined(name='document') if l_0_document is missing else l_0_document), 'generated_by')))
    yield '</p>\n</footer>\n'

blocks = {'style': block_style, 'header': block_header, 'detail_sheet': block_detail_sheet, 'strategy': block_strategy, 'measure_set': block_measure_set, 'progress': block_progress, 'turn_the_curve': block_turn_the_curve, 'findings': block_findings, 'notes': block_notes, 'footer': block_footer}
debug_info = '11=14&12=16&13=18&66=20&74=22&137=24&174=26&219=27&246=28&280=30&297=32&306=34&13=37&66=47&68=57&69=63&70=65&74=68&80=80&91=84&100=90&106=94&112=100&113=102&116=104&119=106&123=108&124=111&126=117&127=121&129=126&137=131&140=159&144=162&155=166&157=172&160=190&163=193&164=197&174=206&180=218&182=222&183=224&184=226&185=228&194=255&196=263&198=267&199=269&200=273&208=306&210=309&211=313&219=326&220=341&223=344&225=347&226=349&232=352&233=356&235=374&236=378&240=384&241=387&246=391&247=400&250=403&255=406&256=409&257=411&260=414&263=417&264=421&268=425&271=428&272=432&280=438&281=448&284=451&286=454&287=458&297=481&298=490&301=493&306=496&308=506'

# The built-in template esm.html.j2, compiled by Jinja2 3.1.6 in
# esmtool's html environment: generated by `python -m esmtool.export.precompile`, do not edit.
