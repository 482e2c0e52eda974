from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'esm.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    pass
    yield from context.blocks['header'][0](context)
    yield '\n'
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
    yield '\n'
    yield from context.blocks['footer'][0](context)

def block_header(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_document = resolve('document')
    try:
        t_1 = environment.filters['md_line']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'md_line' found.")
    pass
    yield '# '
    yield str(environment.finalize(t_1(environment.getattr((undefined(name='document') if l_0_document is missing else l_0_document), 'title'))))
    yield '\n\n'
    yield str(environment.finalize(t_1(environment.getattr((undefined(name='document') if l_0_document is missing else l_0_document), 'subtitle'))))
    yield '\n\n**'
    yield str(environment.finalize(t_1(environment.getattr((undefined(name='document') if l_0_document is missing else l_0_document), 'status'))))
    yield '** · '
    yield str(environment.finalize(t_1(environment.getattr((undefined(name='document') if l_0_document is missing else l_0_document), 'date'))))
    yield '\n'

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
    try:
        t_2 = environment.filters['md_cell']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'md_cell' found.")
    try:
        t_1 = environment.filters['md_line']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'md_line' found.")
    pass
    yield '## ESM detail sheet\n\n| Field | Detail |\n| --- | --- |\n'
    for (l_1_label, l_1_value) in [('ESM number', environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'id')), ('ESM title', environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'title')), ('State', (undefined(name='state') if l_0_state is missing else l_0_state)), ('National Performance Measure', (environment.getattr((undefined(name='npm') if l_0_npm is missing else l_0_npm), 'name') if (undefined(name='npm') if l_0_npm is missing else l_0_npm) else None)), ('NPM code', (environment.getattr((undefined(name='npm') if l_0_npm is missing else l_0_npm), 'code') if (undefined(name='npm') if l_0_npm is missing else l_0_npm) else None)), ('Population domain', (environment.getattr((undefined(name='npm') if l_0_npm is missing else l_0_npm), 'domain') if (undefined(name='npm') if l_0_npm is missing else l_0_npm) else None)), ('NPM wording', (environment.getattr((undefined(name='npm') if l_0_npm is missing else l_0_npm), 'definition') if (undefined(name='npm') if l_0_npm is missing else l_0_npm) else None)), ('Measure status', environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'status_label')), ('Goal', environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'goal'))]:
        _loop_vars = {}
        pass
        yield '| '
        yield str(environment.finalize(l_1_label))
        yield ' | '
        yield str(environment.finalize((t_2(l_1_value) or '—')))
        yield ' |\n'
    l_1_label = l_1_value = missing
    yield '\n### Definition\n\n| Element | Definition |\n| --- | --- |\n'
    for (l_1_label, l_1_value) in [('Unit type', environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'unit_type_label')), ('Unit number', environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'unit_number_text')), ('Numerator', environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'numerator')), ('Denominator', environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'denominator'))]:
        _loop_vars = {}
        pass
        yield '| '
        yield str(environment.finalize(l_1_label))
        yield ' | '
        yield str(environment.finalize((t_2(l_1_value) or '—')))
        yield ' |\n'
    l_1_label = l_1_value = missing
    yield '\n### Data sources and data issues\n\n**Data sources:** '
    yield str(environment.finalize((t_1(environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'data_sources')) or '—')))
    yield '\n\n**Data issues:** '
    yield str(environment.finalize((t_1(environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'data_issues')) or 'None noted.')))
    yield '\n\n### Significance\n\n'
    yield str(environment.finalize((environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'significance') or '—')))
    yield '\n\n### Baseline and annual objectives\n\n**Direction of improvement:** '
    yield str(environment.finalize((environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'direction_text') or '—')))
    yield '\n\n| Year | Objective | Note |\n| --- | --- | --- |\n'
    if environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'baseline'):
        pass
        yield '| '
        yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'baseline'), 'year')))
        yield ' (baseline) | '
        yield str(environment.finalize(t_2(environment.getattr(environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'baseline'), 'text'))))
        yield ' | '
        yield str(environment.finalize(t_2(environment.getattr(environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'baseline'), 'note'))))
        yield ' |\n'
    for l_1_o in environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'objectives'):
        _loop_vars = {}
        pass
        yield '| '
        yield str(environment.finalize(environment.getattr(l_1_o, 'year')))
        yield ' | '
        yield str(environment.finalize(t_2(environment.getattr(l_1_o, 'text'))))
        yield ' | |\n'
    l_1_o = missing
    if ((not environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'baseline')) and (not environment.getattr((undefined(name='esm') if l_0_esm is missing else l_0_esm), 'objectives'))):
        pass
        yield '| — | — | No baseline or objectives yet. |\n'

def block_strategy(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_strategy = resolve('strategy')
    try:
        t_3 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_2 = environment.filters['md_cell']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'md_cell' found.")
    try:
        t_1 = environment.filters['md_line']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'md_line' found.")
    try:
        t_4 = environment.filters['md_url']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'md_url' found.")
    pass
    yield '## Strategy and evidence\n\n'
    if (undefined(name='strategy') if l_0_strategy is missing else l_0_strategy):
        pass
        yield '| Field | Detail |\n| --- | --- |\n'
        for (l_1_label, l_1_value) in [('Strategy', environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'name')), ('Strategy ID', environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'id')), ('Approach', environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'approach')), ('Evidence rating', (environment.getattr(environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'evidence'), 'level') if environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'evidence') else None)), ('What the rating means', (environment.getattr(environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'evidence'), 'definition') if environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'evidence') else None)), ('Source', environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'source')), ('Outcome components', t_3(context.eval_ctx, environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'outcomes'), '; ')), ('Intervention type', environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'intervention_type')), ('Intervention level', environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'intervention_level'))]:
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(l_1_label))
            yield ' | '
            yield str(environment.finalize((t_2(l_1_value) or '—')))
            yield ' |\n'
        l_1_label = l_1_value = missing
        yield '| '
        if (environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'origin') in ['mchbest', None]):
            pass
            yield 'MCHbest page'
        else:
            pass
            yield 'Described at'
        yield ' | '
        yield str(environment.finalize((t_4(environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'url')) or '—')))
        yield ' |\n\n'
        if environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'references'):
            pass
            yield '### References\n\n'
            l_1_loop = missing
            for l_1_ref, l_1_loop in LoopContext(environment.getattr((undefined(name='strategy') if l_0_strategy is missing else l_0_strategy), 'references'), undefined):
                _loop_vars = {}
                pass
                yield str(environment.finalize(environment.getattr(l_1_loop, 'index')))
                yield '. '
                yield str(environment.finalize(t_1(l_1_ref)))
                yield '\n'
            l_1_loop = l_1_ref = missing
    else:
        pass
        yield 'No strategy chosen yet.\n'

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
    try:
        t_2 = environment.filters['md_cell']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'md_cell' found.")
    try:
        t_1 = environment.filters['md_line']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'md_line' found.")
    pass
    yield '## RBA measure set\n\n| No. | Quadrant | Question | Measures |\n| --- | --- | --- | --- |\n'
    l_1_loop = missing
    for l_1_q, l_1_loop in LoopContext((undefined(name='quadrants') if l_0_quadrants is missing else l_0_quadrants), undefined):
        _loop_vars = {}
        pass
        yield '| '
        yield str(environment.finalize(environment.getattr(l_1_q, 'number')))
        yield ' | '
        yield str(environment.finalize(t_2(environment.getattr(l_1_q, 'name'))))
        yield ' | '
        yield str(environment.finalize(t_2(environment.getattr(l_1_q, 'question'))))
        yield ' | '
        l_2_loop = missing
        t_5 = 1
        for l_2_m, l_2_loop in LoopContext(environment.getattr(l_1_q, 'measures'), undefined):
            _loop_vars = {}
            pass
            if (not environment.getattr(l_2_loop, 'first')):
                pass
                yield '<br>'
            if environment.getattr(l_2_m, 'headline'):
                pass
                yield '★ '
            yield str(environment.finalize(t_2(environment.getattr(l_2_m, 'text'))))
            t_5 = 0
        l_2_loop = l_2_m = missing
        if t_5:
            pass
            yield str(environment.finalize(('No measure (left out on purpose)' if environment.getattr(l_1_q, 'skipped') else 'No measure yet')))
        yield ' |\n'
    l_1_loop = l_1_q = missing
    yield '\n★ marks a headline measure.\n\n### The measure set as an RBA grid\n\n| |'
    for l_1_c in environment.getattr((undefined(name='grid') if l_0_grid is missing else l_0_grid), 'columns'):
        _loop_vars = {}
        pass
        yield ' '
        yield str(environment.finalize(t_2(l_1_c)))
        yield ' |'
    l_1_c = missing
    yield '\n| --- | --- | --- |\n'
    for l_1_row in environment.getattr((undefined(name='grid') if l_0_grid is missing else l_0_grid), 'rows'):
        _loop_vars = {}
        pass
        yield '| **'
        yield str(environment.finalize(environment.getattr(l_1_row, 'label')))
        yield '** |'
        for l_2_q in environment.getattr(l_1_row, 'quadrants'):
            _loop_vars = {}
            pass
            yield ' **'
            yield str(environment.finalize(environment.getattr(l_2_q, 'number')))
            yield '. '
            yield str(environment.finalize(t_2(environment.getattr(l_2_q, 'rba_question'))))
            yield '**'
            t_6 = 1
            for l_3_m in environment.getattr(l_2_q, 'measures'):
                _loop_vars = {}
                pass
                yield '<br>'
                if environment.getattr(l_3_m, 'headline'):
                    pass
                    yield '★ '
                yield str(environment.finalize(t_2(environment.getattr(l_3_m, 'text'))))
                t_6 = 0
            l_3_m = missing
            if t_6:
                pass
                yield '<br>'
                yield str(environment.finalize(('No measure (left out on purpose)' if environment.getattr(l_2_q, 'skipped') else 'No measure yet')))
            yield ' |'
        l_2_q = missing
        yield '\n'
    l_1_row = missing
    yield '\n### Headline measures\n\n'
    t_7 = 1
    for l_1_m in (undefined(name='headline_measures') if l_0_headline_measures is missing else l_0_headline_measures):
        _loop_vars = {}
        pass
        yield '- **Quadrant '
        yield str(environment.finalize(environment.getattr(l_1_m, 'quadrant')))
        yield ' ('
        yield str(environment.finalize(t_1(environment.getattr(l_1_m, 'quadrant_name'))))
        yield '):** '
        yield str(environment.finalize(t_1(environment.getattr(l_1_m, 'text'))))
        yield '\n'
        t_7 = 0
    l_1_m = missing
    if t_7:
        pass
        yield 'No measure is marked as a headline measure.\n'

def block_progress(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_progress = resolve('progress')
    try:
        t_2 = environment.filters['md_cell']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'md_cell' found.")
    try:
        t_1 = environment.filters['md_line']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'md_line' found.")
    pass
    if (undefined(name='progress') if l_0_progress is missing else l_0_progress):
        pass
        yield '## Progress against the annual objectives\n\n| Year | Objective | Actual | Met | Of the way from the baseline | Change | Status |\n| --- | --- | --- | --- | --- | --- | --- |\n'
        for l_1_y in environment.getattr((undefined(name='progress') if l_0_progress is missing else l_0_progress), 'years'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(environment.getattr(l_1_y, 'year')))
            yield ' | '
            yield str(environment.finalize((t_2(environment.getattr(l_1_y, 'objective_text')) or '—')))
            yield ' | '
            yield str(environment.finalize((t_2(environment.getattr(l_1_y, 'actual_text')) or '—')))
            if environment.getattr(l_1_y, 'computed'):
                pass
                yield ' (computed)'
            yield ' | '
            yield str(environment.finalize(t_2(environment.getattr(l_1_y, 'met_text'))))
            yield ' | '
            yield str(environment.finalize(t_2(environment.getattr(l_1_y, 'share_text'))))
            yield ' | '
            yield str(environment.finalize(t_2(environment.getattr(l_1_y, 'change_text'))))
            yield ' | '
            yield str(environment.finalize(t_2(environment.getattr(l_1_y, 'status'))))
            yield ' |\n'
        l_1_y = missing
        yield '\n'
        if environment.getattr((undefined(name='progress') if l_0_progress is missing else l_0_progress), 'trend_text'):
            pass
            yield '**Trend:** '
            yield str(environment.finalize(t_1(environment.getattr((undefined(name='progress') if l_0_progress is missing else l_0_progress), 'trend_text'))))
            if environment.getattr((undefined(name='progress') if l_0_progress is missing else l_0_progress), 'forecast'):
                pass
                yield ' Forecast: '
                l_1_loop = missing
                for l_1_f, l_1_loop in LoopContext(environment.getattr((undefined(name='progress') if l_0_progress is missing else l_0_progress), 'forecast'), undefined):
                    _loop_vars = {}
                    pass
                    yield str(environment.finalize(environment.getattr(l_1_f, 'year')))
                    yield ' '
                    yield str(environment.finalize(t_1(environment.getattr(l_1_f, 'text'))))
                    if (not environment.getattr(l_1_loop, 'last')):
                        pass
                        yield ', '
                l_1_loop = l_1_f = missing
                yield '.'
            yield '\n'

def block_turn_the_curve(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_turn_the_curve = resolve('turn_the_curve')
    try:
        t_1 = environment.filters['md_line']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'md_line' found.")
    pass
    if (undefined(name='turn_the_curve') if l_0_turn_the_curve is missing else l_0_turn_the_curve):
        pass
        yield '## Turning the curve\n\n'
        for (l_1_heading, l_1_value) in [('The story behind the curve', environment.getattr((undefined(name='turn_the_curve') if l_0_turn_the_curve is missing else l_0_turn_the_curve), 'story')), ('What works', environment.getattr((undefined(name='turn_the_curve') if l_0_turn_the_curve is missing else l_0_turn_the_curve), 'what_works')), ('Action plan', environment.getattr((undefined(name='turn_the_curve') if l_0_turn_the_curve is missing else l_0_turn_the_curve), 'action_plan'))]:
            _loop_vars = {}
            pass
            if l_1_value:
                pass
                yield '### '
                yield str(environment.finalize(l_1_heading))
                yield '\n\n'
                yield str(environment.finalize(l_1_value))
                yield '\n\n'
        l_1_heading = l_1_value = missing
        if environment.getattr((undefined(name='turn_the_curve') if l_0_turn_the_curve is missing else l_0_turn_the_curve), 'partners'):
            pass
            yield '### Partners\n\n'
            for l_1_p in environment.getattr((undefined(name='turn_the_curve') if l_0_turn_the_curve is missing else l_0_turn_the_curve), 'partners'):
                _loop_vars = {}
                pass
                yield '- '
                yield str(environment.finalize(t_1(l_1_p)))
                yield '\n'
            l_1_p = missing
            yield '\n'
        if environment.getattr((undefined(name='turn_the_curve') if l_0_turn_the_curve is missing else l_0_turn_the_curve), 'data_development'):
            pass
            yield '### Data development agenda\n\n'
            l_1_loop = missing
            for l_1_d, l_1_loop in LoopContext(environment.getattr((undefined(name='turn_the_curve') if l_0_turn_the_curve is missing else l_0_turn_the_curve), 'data_development'), undefined):
                _loop_vars = {}
                pass
                yield str(environment.finalize(environment.getattr(l_1_loop, 'index')))
                yield '. '
                yield str(environment.finalize(t_1(l_1_d)))
                yield '\n'
            l_1_loop = l_1_d = missing
            yield '\n'

def block_findings(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_include = resolve('include')
    l_0_findings = resolve('findings')
    try:
        t_1 = environment.filters['md_line']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'md_line' found.")
    pass
    if environment.getattr((undefined(name='include') if l_0_include is missing else l_0_include), 'review'):
        pass
        yield '## Review findings\n\n'
        t_8 = 1
        for l_1_f in (undefined(name='findings') if l_0_findings is missing else l_0_findings):
            _loop_vars = {}
            pass
            yield '- **'
            yield str(environment.finalize(environment.getattr(l_1_f, 'severity_label')))
            yield '**'
            if environment.getattr(l_1_f, 'field'):
                pass
                yield ' ('
                yield str(environment.finalize(t_1(environment.getattr(l_1_f, 'field'))))
                yield ')'
            yield ': '
            yield str(environment.finalize(t_1(environment.getattr(l_1_f, 'message'))))
            if environment.getattr(l_1_f, 'advice'):
                pass
                yield ' '
                yield str(environment.finalize(t_1(environment.getattr(l_1_f, 'advice'))))
            yield '\n'
            t_8 = 0
        l_1_f = missing
        if t_8:
            pass
            yield 'The review found nothing to point out.\n'

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
        yield '## Notes\n\n'
        yield str(environment.finalize((undefined(name='notes') if l_0_notes is missing else l_0_notes)))
        yield '\n'

def block_footer(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_document = resolve('document')
    try:
        t_1 = environment.filters['md_line']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'md_line' found.")
    pass
    yield '---\n\n*'
    yield str(environment.finalize(t_1(environment.getattr((undefined(name='document') if l_0_document is missing else l_0_document), 'status'))))
    yield ' of '
    yield str(environment.finalize(t_1(environment.getattr((undefined(name='document') if l_0_document is missing else l_0_document), 'date'))))
    yield '. '
    yield str(environment.finalize(t_1(environment.getattr((undefined(name='document') if l_0_document is missing else l_0_document), 'generated_by'))))
    yield '*\n'

blocks = {'header': block_header, 'detail_sheet': block_detail_sheet, 'strategy': block_strategy, 'measure_set': block_measure_set, 'progress': block_progress, 'turn_the_curve': block_turn_the_curve, 'findings': block_findings, 'notes': block_notes, 'footer': block_footer}
debug_info = '6=11&14=13&73=15&106=17&133=18&148=19&183=21&195=23&203=25&6=27&7=43&9=45&11=47&14=52&19=76&30=80&37=86&43=90&48=96&50=98&54=100&58=102&62=104&63=107&65=113&66=117&68=122&73=126&76=160&79=163&90=167&92=173&94=182&97=186&98=189&106=198&111=223&112=227&119=253&121=261&122=265&127=296&128=300&133=312&134=333&139=336&140=340&143=359&144=362&148=380&149=395&152=398&157=401&158=404&160=406&164=409&167=412&168=416&172=420&175=424&176=427&183=434&184=450&187=454&188=458&195=478&196=487&199=490&203=493&206=509'

# The built-in template esm.md.j2, compiled by Jinja2 3.1.6 in
# esmtool's md environment: generated by `python -m esmtool.export.precompile`, do not edit.
