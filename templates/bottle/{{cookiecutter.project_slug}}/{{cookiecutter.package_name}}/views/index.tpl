{% raw %}% rebase("base", title=project_name)
<h1>{{project_name}}</h1>
<p>Served by Bottle. This page comes from <code>views/index.tpl</code>, its style from <code>static/style.css</code>.</p>
% if greeting:
<p><output>{{greeting}}</output></p>
% end
<form method="post">
  <input type="hidden" name="csrf_token" value="{{csrf_token}}">
  <label>Your name <input name="name" maxlength="100" autocomplete="name"></label>
  <button type="submit">Greet me</button>
</form>
<p>Health check: <a href="/health">/health</a></p>{% endraw %}
